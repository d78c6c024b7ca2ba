import { DomainError } from '../shared/domain-error.js';
import { decide } from './plan.decide.js';
import type { PlanEvent } from './plan.events.js';
import { evolve, initialState, type PlanState } from './plan.state.js';

const planId = 'p-1';
const created: PlanEvent = {
  type: 'PlanCreated',
  data: { planId, title: 'Plan', description: '', periodStart: '2026-01-01', periodEnd: '2031-12-31' },
};
const stateOf = (events: PlanEvent[]): PlanState => events.reduce(evolve, initialState());
const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
};

describe("a plan's public page", () => {
  it('is off from the start and switched on and off by PlanPublicationChanged', () => {
    const plan = stateOf([created]);
    expect(plan.status === 'active' && plan.public).toBe(false);
    const on = decide({ type: 'ChangePlanPublication', data: { planId, public: true } }, plan);
    expect(on).toEqual([{ type: 'PlanPublicationChanged', data: { planId, public: true } }]);
    const published = stateOf([created, ...on]);
    expect(published.status === 'active' && published.public).toBe(true);
    expect(decide({ type: 'ChangePlanPublication', data: { planId, public: false } }, published)).toEqual([
      { type: 'PlanPublicationChanged', data: { planId, public: false } },
    ]);
  });

  it('refuses a switch that changes nothing, a value that is no boolean, and an unknown plan', () => {
    const plan = stateOf([created]);
    expect(
      codeOf(() => decide({ type: 'ChangePlanPublication', data: { planId, public: false } }, plan)),
    ).toBe('PLAN.NO_CHANGE');
    expect(
      codeOf(() =>
        decide(
          { type: 'ChangePlanPublication', data: { planId, public: 'yes' as unknown as boolean } },
          plan,
        ),
      ),
    ).toBe('PLAN.INVALID');
    expect(
      codeOf(() => decide({ type: 'ChangePlanPublication', data: { planId, public: true } }, initialState())),
    ).toBe('PLAN.NOT_FOUND');
  });
});
