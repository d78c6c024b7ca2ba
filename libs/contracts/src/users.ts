import type { UserRole } from '#domain';
import type { PartnerRef } from './actions.js';
import type { Position } from './position.js';

export interface UserItem {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  partnerId: string | null;
  /** the organisation with its name (its id while the partner is unknown to the read model) */
  partner: PartnerRef | null;
  disabled: boolean;
  demo: boolean;
  /** the user stream's version (for If-Match / expectedVersion) */
  version: number;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface UserList {
  items: UserItem[];
  position: Position;
}

export interface UserDetail extends UserItem {
  position: Position;
}
