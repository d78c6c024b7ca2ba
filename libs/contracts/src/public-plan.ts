import type { ActionStatus } from '#domain';

/**
 * A plan's public page (for citizens, council members and the press): themes, goals and actions with status,
 * progress and due date. Never notes, signals, partners or people: only what the plan itself says and how far
 * it got. Only for a plan whose public page a coordinator switched on.
 */
export interface PublicPlan {
  id: string;
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  updatedAt: string;
  themes: PublicSection[];
}

export interface PublicSection {
  id: string;
  code: string;
  title: string;
  goals: PublicSection[];
  actions: PublicAction[];
}

export interface PublicAction {
  id: string;
  code: string;
  title: string;
  description: string;
  status: ActionStatus;
  progress: number | null;
  dueDate: string | null;
}
