import { isActionInScope } from '../../../../../libs/domain/src/working-group/working-group.scope';
import { hasRole } from '../../hooks';
import type { Action, User, WorkingGroup } from '../../types';

/**
 * Who may do what on an action's page (docs/access.md), the same rules the api applies: the screen offers
 * only what the server allows.
 */

/** The user may change the action (coordinator; member when a group of hers has it in scope). */
export function mayEdit(user: User | null, action: Action, groups: WorkingGroup[]): boolean {
  if (hasRole(user, 'coordinator')) return true;
  if (!hasRole(user, 'member')) return false;
  return groups.some((group) => !group.archived && isActionInScope(group.scope, action));
}

/** Notes and signals: editors, and a partner on the actions its organisation leads or partners on. */
export function mayNote(user: User | null, action: Action, groups: WorkingGroup[]): boolean {
  if (mayEdit(user, action, groups)) return true;
  if (!hasRole(user, 'partner') || !user?.partnerId) return false;
  return action.ownerId === user.partnerId || action.partnerIds.includes(user.partnerId);
}
