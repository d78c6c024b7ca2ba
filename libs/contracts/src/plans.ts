import type { ActionStatus } from '#domain';
import type { Position } from './position.js';

export interface PlanSummary {
  id: string;
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  /** the plan's public page is on */
  public: boolean;
  updatedAt: string;
}

export interface PlanList {
  items: PlanSummary[];
  position: Position;
}

export interface PlanTreeAction {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
}

export interface PlanTreeGoal {
  id: string;
  code: string;
  title: string;
  /** sub-goals (goals at any depth) */
  goals: PlanTreeGoal[];
  actions: PlanTreeAction[];
}

export interface PlanTreeTheme {
  id: string;
  code: string;
  title: string;
  leadPartnerId: string | null;
  goals: PlanTreeGoal[];
  /** actions placed directly under the theme (normally none: actions hang under goals) */
  actions: PlanTreeAction[];
}

export interface PlanTree extends PlanSummary {
  themes: PlanTreeTheme[];
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  position: Position;
}
