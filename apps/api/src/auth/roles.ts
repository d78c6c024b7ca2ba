import { SetMetadata } from '@nestjs/common';
import type { Role } from '#identity';

export type { Role };
export const ROLES: readonly Role[] = ['coordinator', 'member', 'partner', 'viewer'];

export const IS_PUBLIC = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/** No token needed: health, login, refresh and the API docs only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The roles that may call a route (docs/access.md). A route without @Roles is open to every signed-in
 * role; resource rules (a member's working-group scope, a partner's own actions) are checked by the
 * access services on top.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
