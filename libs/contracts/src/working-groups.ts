import type { WorkingGroupRole } from '#domain';
import type { PartnerRef } from './actions.js';
import type { Position } from './position.js';

export interface WorkingGroupItem {
  id: string;
  planId: string;
  name: string;
  description: string;
  scope: { themeIds: string[]; actionIds: string[] };
  archived: boolean;
  archivedReason: string | null;
  memberCount: number;
  /** the group stream's version (for If-Match / expectedVersion) */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkingGroupList {
  items: WorkingGroupItem[];
  position: Position;
}

export interface WorkingGroupMemberItem {
  userId: string;
  /** the user's current name (the id while the user is unknown to the read model) */
  name: string;
  partnerId: string | null;
  partner: PartnerRef | null;
  role: WorkingGroupRole;
  addedAt: string;
}

export interface WorkingGroupDetail extends WorkingGroupItem {
  /** chair first, then secretary, then members, each by name */
  members: WorkingGroupMemberItem[];
  position: Position;
}

export interface UserWorkingGroupItem extends WorkingGroupItem {
  /** the user's role in this group */
  role: WorkingGroupRole;
}

export interface UserWorkingGroupList {
  userId: string;
  items: UserWorkingGroupItem[];
  position: Position;
}
