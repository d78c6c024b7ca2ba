import { describe, expect, it } from '@jest/globals';
import { actionDecider } from '../action/action.decide.js';
import { meetingDecider } from '../meeting/meeting.decide.js';
import { partnerDecider } from '../partner/partner.decide.js';
import { planDecider } from '../plan/plan.decide.js';
import { signalDecider } from '../signal/signal.decide.js';
import { tenantDecider } from '../tenant/tenant.decide.js';
import { userDecider } from '../user/user.decide.js';
import { workingGroupDecider } from '../working-group/working-group.decide.js';
import { ERROR_MESSAGES } from './domain-error.js';

const DECIDERS = [
  actionDecider,
  meetingDecider,
  partnerDecider,
  planDecider,
  signalDecider,
  tenantDecider,
  userDecider,
  workingGroupDecider,
];

describe('every decider names its aggregate and its stream', () => {
  it.each(DECIDERS.map((decider) => [decider.name, decider] as const))(
    '%s: the not-found code the write side answers is in the catalogue, the stream id holds the id',
    (name, decider) => {
      // loadAggregate refuses an unknown or foreign aggregate with `<NAME>.NOT_FOUND`: it needs a Dutch text
      expect(Object.keys(ERROR_MESSAGES)).toContain(`${name.toUpperCase()}.NOT_FOUND`);
      expect(decider.streamId('4f1c')).toMatch(/-4f1c$/);
    },
  );

  it('no two aggregates share a name or a stream', () => {
    expect(new Set(DECIDERS.map((decider) => decider.name)).size).toBe(DECIDERS.length);
    expect(new Set(DECIDERS.map((decider) => decider.streamId('same-id'))).size).toBe(DECIDERS.length);
  });
});
