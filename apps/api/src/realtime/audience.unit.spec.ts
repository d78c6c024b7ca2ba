import type { StoredEvent } from '#event-store';
import { storedEvent } from '../../../../test/support/stored-event.js';
import { audienceOf, mayReceive, type AudienceFacts, type GroupFacts, type Recipient } from './audience.js';

const event = (streamId: string, type: string, data: unknown = {}, meetingId?: string): StoredEvent =>
  storedEvent(streamId, type, { data, metadata: meetingId ? { meetingId } : {} });

const group = (
  id: string,
  themeIds: string[],
  memberIds: string[],
  actionIds: string[] = [],
): GroupFacts => ({
  id,
  planId: 'plan',
  themeIds,
  actionIds,
  archived: false,
  memberIds: new Set(memberIds),
});

const facts: AudienceFacts = {
  actions: new Map([
    [
      'a1',
      {
        id: 'a1',
        planId: 'plan',
        themeId: 'theme-A',
        goalPath: ['theme-A', 'goal-A1'],
        ownerId: 'caw',
        partnerIds: ['ocmw'],
      },
    ],
    [
      'b1',
      { id: 'b1', planId: 'plan', themeId: 'theme-B', goalPath: ['theme-B'], ownerId: null, partnerIds: [] },
    ],
  ]),
  groups: new Map([
    ['gA', group('gA', ['theme-A'], ['ann'])],
    ['gB', group('gB', ['theme-B'], ['bob'])],
    ['gNested', group('gNested', ['goal-A1'], ['cas'])],
  ]),
  linked: {
    meetingGroups: new Map([['m1', 'gB']]),
    signals: new Map([['s1', { partnerId: 'caw', actionIds: ['a1'], themeIds: [] }]]),
    periodPlans: new Map([
      ['p1', { tenantId: 'city', planId: 'plan' }],
      // a period of another tenant with the same id: its plan is not this tenant's
      ['p9', { tenantId: 'elsewhere', planId: 'their-plan' }],
    ]),
  },
};

const coordinator: Recipient = { id: 'coo', role: 'coordinator', partnerId: null };
const ann: Recipient = { id: 'ann', role: 'member', partnerId: null };
const bob: Recipient = { id: 'bob', role: 'member', partnerId: null };
const caw: Recipient = { id: 'p1', role: 'partner', partnerId: 'caw' };
const other: Recipient = { id: 'p2', role: 'partner', partnerId: 'vzw' };
const viewer: Recipient = { id: 'v', role: 'viewer', partnerId: null };
const groupsOf: Record<string, Set<string>> = { ann: new Set(['gA']), bob: new Set(['gB']) };
const receives = (recipient: Recipient, stored: StoredEvent): boolean =>
  mayReceive(recipient, audienceOf(stored, facts), groupsOf[recipient.id] ?? new Set());

describe('who receives an event, in which rooms', () => {
  it('puts an action event in its plan, its action and every group whose scope holds it (at any depth)', () => {
    const audience = audienceOf(event('action-a1', 'ActionStatusChanged'), facts);
    expect(audience.rooms.sort()).toEqual(
      ['action:a1', 'plan:plan', 'tenant', 'working-group:gA', 'working-group:gNested'].sort(),
    );
  });

  it('adds the meeting room when the change was made in a meeting', () => {
    expect(audienceOf(event('action-b1', 'ActionNoteAdded', {}, 'm1'), facts).rooms).toContain('meeting:m1');
  });

  it('shows an action to the partners on it, and to the one the change removes', () => {
    const status = event('action-a1', 'ActionStatusChanged');
    expect([caw, other].map((p) => receives(p, status))).toEqual([true, false]);
    const removed = event('action-b1', 'ActionPartnerRemoved', { actionId: 'b1', partnerId: 'vzw' });
    expect(receives(other, removed)).toBe(true);
  });

  it('keeps notes and signals on actions from viewers', () => {
    expect(receives(viewer, event('action-a1', 'ActionStatusChanged'))).toBe(true);
    expect(receives(viewer, event('action-a1', 'ActionNoteAdded'))).toBe(false);
    expect(receives(viewer, event('action-a1', 'ActionSignalRecorded'))).toBe(false);
  });

  it("keeps a working group's and its meetings' events within the group", () => {
    const renamed = event('working-group-gB', 'WorkingGroupRenamed');
    expect([coordinator, ann, bob, caw, viewer].map((r) => receives(r, renamed))).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    const meeting = event('meeting-m1', 'MeetingStarted');
    expect(audienceOf(meeting, facts).rooms.sort()).toEqual(['meeting:m1', 'tenant', 'working-group:gB']);
    expect([ann, bob].map((r) => receives(r, meeting))).toEqual([false, true]);
  });

  it("sends a meeting's events to partner staff who sit in its group, not to other partners", () => {
    const meeting = event('meeting-m1', 'MeetingAgendaItemAdded');
    const inGroup: Recipient = { id: 'p3', role: 'partner', partnerId: 'caw' };
    const audience = audienceOf(meeting, facts);
    expect(mayReceive(inGroup, audience, new Set(['gB']))).toBe(true);
    expect(mayReceive(inGroup, audience, new Set(['gA']))).toBe(false);
    expect(mayReceive(other, audience, new Set())).toBe(false);
    // a group's own events (not a meeting's) stay with its members of role member, as before
    expect(
      mayReceive(
        inGroup,
        audienceOf(event('working-group-gB', 'WorkingGroupRenamed'), facts),
        new Set(['gB']),
      ),
    ).toBe(false);
  });

  it("routes a signal to its actions' rooms and groups, its partner and coordinators only", () => {
    const signal = event('signal-s1', 'SignalAcknowledged');
    expect(audienceOf(signal, facts).rooms.sort()).toEqual(
      ['action:a1', 'tenant', 'working-group:gA', 'working-group:gNested'].sort(),
    );
    expect([coordinator, ann, bob, caw, other, viewer].map((r) => receives(r, signal))).toEqual([
      true,
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it('shows users and tenant settings to coordinators only', () => {
    const disabled = event('user-ann', 'UserDisabled');
    expect([coordinator, ann, caw, viewer].map((r) => receives(r, disabled))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('sends plan and partner events to everyone in the tenant', () => {
    for (const stored of [event('plan-plan', 'ThemeAdded'), event('partner-caw', 'PartnerRenamed')]) {
      expect([coordinator, ann, caw, viewer].every((r) => receives(r, stored))).toBe(true);
    }
  });

  describe('reporting periods', () => {
    const everyone = [coordinator, ann, bob, caw, other, viewer];

    it('puts an opened and a closed period in its plan, for everyone who reads the plan', () => {
      for (const type of ['ReportingPeriodOpened', 'ReportingPeriodClosed']) {
        // the plan named by the event itself, whether the period is known or not
        const stored = event('period-p2', type, { periodId: 'p2', planId: 'plan2' });
        expect(audienceOf(stored, facts).rooms.sort()).toEqual(['plan:plan2', 'tenant']);
        expect(everyone.map((r) => receives(r, stored))).toEqual(everyone.map(() => true));
      }
    });

    it("puts a round's start and a lead's update in the period's plan, known from its opening", () => {
      const started = event('period-p1', 'UpdateRoundStarted', {
        periodId: 'p1',
        roundId: 'r1',
        requests: [],
      });
      const submitted = event('period-p1', 'PeriodUpdateSubmitted', {
        periodId: 'p1',
        actionId: 'a1',
        narrative: 'Twaalf woningen',
      });
      for (const stored of [started, submitted]) {
        expect(audienceOf(stored, facts).rooms.sort()).toEqual(['plan:plan', 'tenant']);
        expect(everyone.map((r) => receives(r, stored))).toEqual(everyone.map(() => true));
      }
    });

    it("does not take another tenant's period's plan; the event still reaches the tenant room", () => {
      const submitted = event('period-p9', 'PeriodUpdateSubmitted', { periodId: 'p9', actionId: 'a1' });
      expect(audienceOf(submitted, facts).rooms).toEqual(['tenant']);
      expect([ann, caw, viewer].map((r) => receives(r, submitted))).toEqual([true, true, true]);
    });

    it("pushes an action's frozen report data to nobody (the close is announced by its Closed event)", () => {
      const frozen = event('period-p1', 'ReportingPeriodActionFrozen', { periodId: 'p1', action: {} });
      expect(audienceOf(frozen, facts).rooms).toEqual([]);
      expect([ann, caw, viewer].map((r) => receives(r, frozen))).toEqual([false, false, false]);
    });
  });
});
