import {
  SecurityEventEntity,
  TenantEntity,
  UserEntity,
  WorkingGroupEntity,
  WorkingGroupMemberEntity,
} from './access.entities.js';
import { ActionHistoryEntity, HistoryNameEntity } from './action-history.entities.js';
import { ActionListEntity, ActionSectionEntity } from './action-list.entities.js';
import { ProjectionCheckpointEntity } from './checkpoint.entity.js';
import { PartnerEntity } from './partner.entity.js';
import { PlanActionEntity, PlanEntity, PlanSectionEntity } from './plan-tree.entities.js';

export * from './access.entities.js';
export * from './action-history.entities.js';
export * from './action-list.entities.js';
export * from './checkpoint.entity.js';
export * from './partner.entity.js';
export * from './plan-tree.entities.js';

/** Every read-model table as a TypeORM entity (read-only for the application: projections write them). */
export const READ_MODEL_ENTITIES = [
  ProjectionCheckpointEntity,
  PartnerEntity,
  PlanEntity,
  PlanSectionEntity,
  PlanActionEntity,
  ActionListEntity,
  ActionSectionEntity,
  ActionHistoryEntity,
  HistoryNameEntity,
  TenantEntity,
  UserEntity,
  WorkingGroupEntity,
  WorkingGroupMemberEntity,
  SecurityEventEntity,
] as const;
