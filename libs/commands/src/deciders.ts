import {
  actionDecider as actionRules,
  actionStreamId,
  meetingDecider as meetingRules,
  meetingStreamId,
  partnerDecider as partnerRules,
  partnerStreamId,
  planDecider as planRules,
  planStreamId,
  tenantDecider as tenantRules,
  tenantStreamId,
  userDecider as userRules,
  userStreamId,
  workingGroupDecider as workingGroupRules,
  workingGroupStreamId,
} from '#domain';
import type { Decider } from './decider.js';

/** The domain's deciders with what the write side adds: the aggregate's name (for error codes) and stream. */
function withStream<S, C, E extends { type: string; data: object }>(
  name: string,
  streamId: (id: string) => string,
  rules: {
    decide: (c: C, s: S, ctx?: { now: string; actorId: string }) => E[];
    evolve: (s: S, e: E) => S;
    initialState: () => S;
  },
): Decider<C, S, E> {
  return { name, streamId, decide: rules.decide, evolve: rules.evolve, initialState: rules.initialState };
}

export const actionDecider = withStream('action', actionStreamId, actionRules);
export const planDecider = withStream('plan', planStreamId, planRules);
export const partnerDecider = withStream('partner', partnerStreamId, partnerRules);
export const userDecider = withStream('user', userStreamId, userRules);
export const tenantDecider = withStream('tenant', tenantStreamId, tenantRules);
export const workingGroupDecider = withStream('working_group', workingGroupStreamId, workingGroupRules);
export const meetingDecider = withStream('meeting', meetingStreamId, meetingRules);
