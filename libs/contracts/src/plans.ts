import type { ActionStatus } from '#domain';
import type { Position } from './position.js';
import type { IndicatorRollUpView, ReportingRules } from './indicators.js';

/** the reporting fields every node of the tree carries (BBC 2020) */
export interface NodeReporting {
  /** the BBC code (BD1, AP1.2, AC1.2.3 or a city's own), unique in the plan */
  bbcCode: string | null;
  /** marked priority itself */
  priority: boolean;
  /** priority itself or through an action below it (an action marked priority makes its goals and theme priority) */
  effectivePriority: boolean;
  /** priority only through an action below it */
  priorityInherited: boolean;
  /** the Flemish sub-reporting code (beleidsrapportering) */
  subReportingCode: string | null;
  /** weight in the parent's progress, default 1 */
  weight: number;
  /** the worst status of the indicators on this node and below it */
  indicators: IndicatorRollUpView;
}

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

export interface PlanTreeAction extends NodeReporting {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
  /** reported progress, or 0 (100 when realised) when none was reported */
  progress: number;
}

export interface PlanTreeGoal extends NodeReporting {
  id: string;
  code: string;
  title: string;
  /** weighted average of its actions' and sub-goals' progress (`rules.progress`), null with nothing below */
  progress: number | null;
  /** sub-goals (goals at any depth) */
  goals: PlanTreeGoal[];
  actions: PlanTreeAction[];
}

export interface PlanTreeTheme extends NodeReporting {
  id: string;
  code: string;
  title: string;
  /** weighted average of its goals' progress (`rules.progress`), null with nothing below */
  progress: number | null;
  leadPartnerId: string | null;
  goals: PlanTreeGoal[];
  /** actions placed directly under the theme (normally none: actions hang under goals) */
  actions: PlanTreeAction[];
}

export interface PlanTree extends PlanSummary {
  themes: PlanTreeTheme[];
  /** the roll-up and progress rules the figures follow, to show beside them */
  rules: ReportingRules;
  position: Position;
}
