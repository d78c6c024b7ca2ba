import { formatErrorMessage } from '../shared/domain-error.js';
import { specFor, TEST_CONTEXT } from '../shared/testing.js';
import type { MeetingCommand } from './meeting.commands.js';
import { meetingDecider } from './meeting.decide.js';
import type { MeetingEvent, RankedProposal } from './meeting.events.js';
import { tally } from './meeting.tally.js';

const given = specFor(meetingDecider);
const meetingId = 'm-1';
const scheduled: MeetingEvent = {
  type: 'MeetingScheduled',
  data: {
    meetingId,
    workingGroupId: 'wg-housing',
    title: 'Werkgroep dak- en thuislozen',
    startsAt: '2024-03-05T13:00:00.000Z',
    location: 'Stadhuis',
  },
};
const started: MeetingEvent = { type: 'MeetingStarted', data: { meetingId } };
const ended: MeetingEvent = { type: 'MeetingEnded', data: { meetingId } };
const cancelled: MeetingEvent = { type: 'MeetingCancelled', data: { meetingId, reason: 'ziek' } };
const present = (userId: string): MeetingEvent => ({
  type: 'MeetingAttendanceRecorded',
  data: {
    meetingId,
    attendeeId: userId,
    userId,
    guestName: null,
    partnerId: null,
    organisation: null,
    status: 'present',
    from: null,
  },
});
const proposal = (proposalId: string, text = `Voorstel ${proposalId}`): MeetingEvent => ({
  type: 'MeetingProposalAdded',
  data: { meetingId, proposalId, text, themeId: null, actionIds: [], proposedBy: TEST_CONTEXT.actorId },
});
const roundOpened = (proposalIds: string[], size = 5, ranked = true): MeetingEvent => ({
  type: 'MeetingRoundOpened',
  data: { meetingId, roundId: 'r-1', size, ranked, proposalIds },
});
const ballot = (voterId: string, proposalIds: string[], replaces = false): MeetingEvent => ({
  type: 'MeetingBallotSubmitted',
  data: { meetingId, roundId: 'r-1', voterId, proposalIds, replaces },
});
const item = (itemId: string): MeetingEvent => ({
  type: 'MeetingAgendaItemAdded',
  data: { meetingId, itemId, kind: 'topic', refId: null, title: `Punt ${itemId}` },
});

describe('scheduling and lifecycle', () => {
  it('schedules a meeting, storing the start as a UTC instant', () => {
    given([])
      .when({
        type: 'ScheduleMeeting',
        data: {
          meetingId,
          workingGroupId: 'wg-housing',
          title: ' Werkgroep dak- en thuislozen ',
          startsAt: '2024-03-05T14:00:00+01:00',
          location: 'Stadhuis',
        },
      })
      .then([scheduled]);
  });
  it('refuses a start without offset, an impossible date and a second scheduling', () => {
    const schedule = (startsAt: string) =>
      given([]).when({
        type: 'ScheduleMeeting',
        data: { meetingId, workingGroupId: 'wg', title: 'x', startsAt },
      });
    schedule('2024-03-05 14:00').thenThrows('MEETING.INVALID', {
      field: 'startsAt',
      rule: expect.any(String),
    });
    schedule('2024-02-30T14:00:00Z').thenThrows('MEETING.INVALID', {
      field: 'startsAt',
      rule: 'must be an existing calendar date',
    });
    given([scheduled])
      .when({
        type: 'ScheduleMeeting',
        data: { meetingId, workingGroupId: 'wg', title: 'x', startsAt: '2024-03-05T14:00:00Z' },
      })
      .thenThrows('MEETING.ALREADY_EXISTS', { meetingId });
  });
  it('reschedules only what is given, not to the same, and only while scheduled', () => {
    given([scheduled])
      .when({
        type: 'RescheduleMeeting',
        data: { meetingId, startsAt: '2024-03-12T13:00:00Z', location: null },
      })
      .then([
        {
          type: 'MeetingRescheduled',
          data: {
            meetingId,
            from: {
              title: 'Werkgroep dak- en thuislozen',
              startsAt: '2024-03-05T13:00:00.000Z',
              location: 'Stadhuis',
            },
            to: {
              title: 'Werkgroep dak- en thuislozen',
              startsAt: '2024-03-12T13:00:00.000Z',
              location: null,
            },
          },
        },
      ]);
    given([scheduled])
      .when({ type: 'RescheduleMeeting', data: { meetingId, location: ' Stadhuis ' } })
      .thenThrows('MEETING.NO_CHANGE', { field: 'schedule' });
    given([scheduled, started])
      .when({ type: 'RescheduleMeeting', data: { meetingId, title: 'Later' } })
      .thenThrows('MEETING.NOT_ALLOWED_IN_STATUS', { status: 'open', allowed: ['scheduled'] });
  });
  it('starts, ends and cancels along the lifecycle, saying what is allowed', () => {
    given([scheduled]).when({ type: 'StartMeeting', data: { meetingId } }).then([started]);
    given([scheduled, started]).when({ type: 'EndMeeting', data: { meetingId } }).then([ended]);
    given([scheduled])
      .when({ type: 'CancelMeeting', data: { meetingId, reason: ' ziek ' } })
      .then([cancelled]);
    const error = given([scheduled])
      .when({ type: 'EndMeeting', data: { meetingId } })
      .thenThrows('MEETING.INVALID_STATUS_TRANSITION', {
        from: 'scheduled',
        to: 'ended',
        allowed: ['open', 'cancelled'],
      });
    expect(formatErrorMessage(error.code, 'nl', error.details)).toBe(
      'De vergadering kan niet van gepland naar afgelopen. Vanuit gepland kan enkel: bezig, geannuleerd.',
    );
    given([scheduled, started])
      .when({ type: 'CancelMeeting', data: { meetingId, reason: 'x' } })
      .thenThrows('MEETING.INVALID_STATUS_TRANSITION', { from: 'open', to: 'cancelled', allowed: ['ended'] });
  });
  it('refuses every change to an ended or cancelled meeting, and anything on an unknown one', () => {
    const commands: MeetingCommand[] = [
      { type: 'StartMeeting', data: { meetingId } },
      { type: 'RescheduleMeeting', data: { meetingId, title: 'x' } },
      { type: 'RecordAttendance', data: { meetingId, userId: 'u-1', status: 'present' } },
      { type: 'AddAgendaItem', data: { meetingId, itemId: 'i', kind: 'topic', title: 'x' } },
      { type: 'AddProposal', data: { meetingId, proposalId: 'p', text: 'x' } },
      { type: 'RecordDecision', data: { meetingId, decisionId: 'd', text: 'x' } },
      { type: 'OpenRound', data: { meetingId, roundId: 'r' } },
    ];
    for (const command of commands) {
      given([scheduled, started, ended]).when(command).thenThrows('MEETING.CLOSED', { status: 'ended' });
      given([scheduled, cancelled]).when(command).thenThrows('MEETING.CLOSED', { status: 'cancelled' });
      given([]).when(command).thenThrows('MEETING.NOT_FOUND');
    }
    const error = given([scheduled, cancelled])
      .when({ type: 'StartMeeting', data: { meetingId } })
      .thenThrows('MEETING.CLOSED');
    expect(formatErrorMessage(error.code, 'nl', error.details)).toBe(
      'Deze vergadering is geannuleerd: er kan niets meer aan gewijzigd worden.',
    );
  });
  it('keeps decisions, next steps and rounds for the open meeting', () => {
    given([scheduled])
      .when({ type: 'RecordDecision', data: { meetingId, decisionId: 'd', text: 'x' } })
      .thenThrows('MEETING.NOT_ALLOWED_IN_STATUS', { status: 'scheduled', allowed: ['open'] });
    given([scheduled, proposal('p-1')])
      .when({ type: 'OpenRound', data: { meetingId, roundId: 'r-1' } })
      .thenThrows('MEETING.NOT_ALLOWED_IN_STATUS', { status: 'scheduled', allowed: ['open'] });
  });
});

describe('attendance', () => {
  it('records a user with her organisation, and a guest who is not a user', () => {
    given([scheduled])
      .when({
        type: 'RecordAttendance',
        data: { meetingId, userId: 'u-1', partnerId: 'caw', status: 'excused' },
      })
      .then([
        {
          type: 'MeetingAttendanceRecorded',
          data: {
            meetingId,
            attendeeId: 'u-1',
            userId: 'u-1',
            guestName: null,
            partnerId: 'caw',
            organisation: null,
            status: 'excused',
            from: null,
          },
        },
      ]);
    given([scheduled])
      .when({
        type: 'RecordAttendance',
        data: { meetingId, guestName: ' Jan Peeters ', organisation: 'Buurtwerk', status: 'present' },
      })
      .then([
        {
          type: 'MeetingAttendanceRecorded',
          data: {
            meetingId,
            attendeeId: 'guest:jan peeters',
            userId: null,
            guestName: 'Jan Peeters',
            partnerId: null,
            organisation: 'Buurtwerk',
            status: 'present',
            from: null,
          },
        },
      ]);
  });
  it('changes an attendance with its before, but not to the same', () => {
    given([scheduled, present('u-1')])
      .when({ type: 'RecordAttendance', data: { meetingId, userId: 'u-1', status: 'absent' } })
      .then([
        {
          type: 'MeetingAttendanceRecorded',
          data: {
            meetingId,
            attendeeId: 'u-1',
            userId: 'u-1',
            guestName: null,
            partnerId: null,
            organisation: null,
            status: 'absent',
            from: 'present',
          },
        },
      ]);
    given([scheduled, present('u-1')])
      .when({ type: 'RecordAttendance', data: { meetingId, userId: 'u-1', status: 'present' } })
      .thenThrows('MEETING.NO_CHANGE', { field: 'attendance' });
  });
  it('needs exactly one of user and guest, and a known status', () => {
    given([scheduled])
      .when({ type: 'RecordAttendance', data: { meetingId, status: 'present' } })
      .thenThrows('MEETING.INVALID', { field: 'userId', rule: expect.any(String) });
    given([scheduled])
      .when({ type: 'RecordAttendance', data: { meetingId, userId: 'u', guestName: 'g', status: 'present' } })
      .thenThrows('MEETING.INVALID', { field: 'userId', rule: expect.any(String) });
    given([scheduled])
      .when({ type: 'RecordAttendance', data: { meetingId, userId: 'u', status: 'late' as never } })
      .thenThrows('MEETING.INVALID', { field: 'status', rule: 'must be one of present, excused, absent' });
  });
});

describe('agenda', () => {
  it('adds linked items and free topics, once each', () => {
    given([scheduled])
      .when({
        type: 'AddAgendaItem',
        data: { meetingId, itemId: 'i-1', kind: 'signal', refId: 's-1', title: 'Uithuiszettingen' },
      })
      .then([
        {
          type: 'MeetingAgendaItemAdded',
          data: { meetingId, itemId: 'i-1', kind: 'signal', refId: 's-1', title: 'Uithuiszettingen' },
        },
      ]);
    const signalItem: MeetingEvent = {
      type: 'MeetingAgendaItemAdded',
      data: { meetingId, itemId: 'i-1', kind: 'signal', refId: 's-1', title: 'x' },
    };
    given([scheduled, signalItem])
      .when({
        type: 'AddAgendaItem',
        data: { meetingId, itemId: 'i-2', kind: 'signal', refId: 's-1', title: 'x' },
      })
      .thenThrows('MEETING.ALREADY_ON_AGENDA', { kind: 'signal', refId: 's-1' });
    given([scheduled, signalItem])
      .when({ type: 'AddAgendaItem', data: { meetingId, itemId: 'i-1', kind: 'topic', title: 'x' } })
      .thenThrows('MEETING.AGENDA_ITEM_ALREADY_EXISTS', { itemId: 'i-1' });
    given([scheduled])
      .when({ type: 'AddAgendaItem', data: { meetingId, itemId: 'i-1', kind: 'action', title: 'x' } })
      .thenThrows('MEETING.INVALID', { field: 'refId', rule: 'an action item names the action' });
    given([scheduled])
      .when({
        type: 'AddAgendaItem',
        data: { meetingId, itemId: 'i-1', kind: 'topic', refId: 'a', title: 'x' },
      })
      .thenThrows('MEETING.INVALID', { field: 'refId', rule: 'a free topic links nothing' });
    given([scheduled])
      .when({
        type: 'AddAgendaItem',
        data: { meetingId, itemId: 'i-1', kind: 'proposal', refId: 'p-9', title: 'x' },
      })
      .thenThrows('MEETING.PROPOSAL_NOT_FOUND', { proposalId: 'p-9' });
  });
  it('reorders as a permutation and removes', () => {
    given([scheduled, item('a'), item('b')])
      .when({ type: 'ReorderAgenda', data: { meetingId, order: ['b', 'a'] } })
      .then([{ type: 'MeetingAgendaReordered', data: { meetingId, order: ['b', 'a'] } }]);
    given([scheduled, item('a'), item('b')])
      .when({ type: 'ReorderAgenda', data: { meetingId, order: ['a', 'b'] } })
      .thenThrows('MEETING.NO_CHANGE', { field: 'order' });
    given([scheduled, item('a'), item('b')])
      .when({ type: 'ReorderAgenda', data: { meetingId, order: ['b'] } })
      .thenThrows('MEETING.NOT_A_PERMUTATION', { expected: ['a', 'b'] });
    given([scheduled, item('a')])
      .when({ type: 'RemoveAgendaItem', data: { meetingId, itemId: 'a' } })
      .then([{ type: 'MeetingAgendaItemRemoved', data: { meetingId, itemId: 'a' } }]);
    given([scheduled, item('a'), { type: 'MeetingAgendaItemRemoved', data: { meetingId, itemId: 'a' } }])
      .when({ type: 'RemoveAgendaItem', data: { meetingId, itemId: 'a' } })
      .thenThrows('MEETING.AGENDA_ITEM_NOT_FOUND', { itemId: 'a' });
  });
});

describe('corrections, decisions and next steps', () => {
  it('records a correction to an earlier meeting, never to itself', () => {
    given([scheduled])
      .when({
        type: 'CorrectMinutes',
        data: { meetingId, correctionId: 'c-1', correctsMeetingId: 'm-0', text: 'CAW was er wel' },
      })
      .then([
        {
          type: 'MeetingMinutesCorrected',
          data: { meetingId, correctionId: 'c-1', correctsMeetingId: 'm-0', text: 'CAW was er wel' },
        },
      ]);
    given([scheduled])
      .when({
        type: 'CorrectMinutes',
        data: { meetingId, correctionId: 'c-1', correctsMeetingId: meetingId, text: 'x' },
      })
      .thenThrows('MEETING.INVALID', { field: 'correctsMeetingId', rule: expect.any(String) });
  });
  it('records decisions with linked actions and next steps with an owner', () => {
    given([scheduled, started])
      .when({
        type: 'RecordDecision',
        data: { meetingId, decisionId: 'd-1', text: 'Kamerwonen eerst', actionIds: ['a-1'] },
      })
      .then([
        {
          type: 'MeetingDecisionRecorded',
          data: {
            meetingId,
            decisionId: 'd-1',
            text: 'Kamerwonen eerst',
            actionIds: ['a-1'],
            agendaItemId: null,
          },
        },
      ]);
    given([scheduled, started])
      .when({
        type: 'RecordNextStep',
        data: {
          meetingId,
          nextStepId: 's-1',
          text: 'Kader schrijven',
          ownerPartnerId: 'caw',
          dueDate: '2024-04-30',
        },
      })
      .then([
        {
          type: 'MeetingNextStepRecorded',
          data: {
            meetingId,
            nextStepId: 's-1',
            text: 'Kader schrijven',
            ownerUserId: null,
            ownerPartnerId: 'caw',
            dueDate: '2024-04-30',
            linkedActionId: null,
          },
        },
      ]);
    given([scheduled, started])
      .when({ type: 'RecordNextStep', data: { meetingId, nextStepId: 's-1', text: 'x' } })
      .thenThrows('MEETING.INVALID', { field: 'ownerUserId', rule: expect.any(String) });
    given([
      scheduled,
      started,
      {
        type: 'MeetingDecisionRecorded',
        data: { meetingId, decisionId: 'd-1', text: 'x', actionIds: [], agendaItemId: null },
      },
    ])
      .when({ type: 'RecordNextStep', data: { meetingId, nextStepId: 'd-1', text: 'x', ownerUserId: 'u' } })
      .thenThrows('MEETING.RECORD_ALREADY_EXISTS', { id: 'd-1' });
  });
});

describe('proposals and prioritisation rounds', () => {
  const seven = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
  const open = [
    scheduled,
    started,
    present('an'),
    present('bo'),
    present('cas'),
    ...seven.map((id) => proposal(id)),
  ];

  it('adds a proposal by the acting member, once', () => {
    given([scheduled])
      .when({ type: 'AddProposal', data: { meetingId, proposalId: 'p1', text: ' Voorstel p1 ' } })
      .then([proposal('p1')]);
    given([scheduled, proposal('p1')])
      .when({ type: 'AddProposal', data: { meetingId, proposalId: 'p1', text: 'x' } })
      .thenThrows('MEETING.PROPOSAL_ALREADY_EXISTS', { proposalId: 'p1' });
  });

  it('opens a round over the proposals known now, top 5 ranked by default, one round at a time', () => {
    given(open)
      .when({ type: 'OpenRound', data: { meetingId, roundId: 'r-1' } })
      .then([roundOpened(seven)]);
    given([...open, roundOpened(seven)])
      .when({ type: 'OpenRound', data: { meetingId, roundId: 'r-2' } })
      .thenThrows('MEETING.ROUND_ALREADY_OPEN', { roundId: 'r-1' });
    given([scheduled, started])
      .when({ type: 'OpenRound', data: { meetingId, roundId: 'r-1' } })
      .thenThrows('MEETING.NO_PROPOSALS');
    given(open)
      .when({ type: 'OpenRound', data: { meetingId, roundId: 'r-1', size: 0 } })
      .thenThrows('MEETING.INVALID', { field: 'size', rule: 'must be a whole number from 1 to 20' });
  });

  it('takes one ballot per present member; a new one replaces hers while the round is open', () => {
    const round = [...open, roundOpened(seven)];
    given(round)
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: ['p1', 'p2'] },
      })
      .then([ballot('an', ['p1', 'p2'])]);
    given([...round, ballot('an', ['p1', 'p2'])])
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: ['p2', 'p1'] },
      })
      .then([ballot('an', ['p2', 'p1'], true)]);
    given(round)
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'dirk', proposalIds: ['p1'] },
      })
      .thenThrows('MEETING.NOT_PRESENT', { voterId: 'dirk', userId: 'dirk' });
    given(round)
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: seven.slice(0, 6) },
      })
      .thenThrows('MEETING.INVALID', { field: 'proposalIds', rule: 'must name 1 to 5 proposals' });
    given(round)
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: ['p1', 'p1'] },
      })
      .thenThrows('MEETING.INVALID', { field: 'proposalIds', rule: 'must not contain duplicates' });
    given([...round, proposal('p8')])
      .when({ type: 'SubmitBallot', data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: ['p8'] } })
      .thenThrows('MEETING.PROPOSAL_NOT_IN_ROUND', { proposalIds: ['p8'] });
  });

  it("reproduces DOMAIN.md's round: two proposals at 8, two at 5, three at 4, ties sharing a rank", () => {
    // ranked top 5: the 1st gets 5 points, the 2nd 4, ... the 5th 1
    const ballots = [
      ballot('an', ['p1', 'p5', 'p2', 'p6', 'p3']), // p1 5, p5 4, p2 3, p6 2, p3 1
      ballot('bo', ['p2', 'p3']), // p2 5, p3 4
      ballot('cas', ['p4', 'p7', 'p1', 'p6']), // p4 5, p7 4, p1 3, p6 2
    ];
    const ranking: RankedProposal[] = [
      { proposalId: 'p1', score: 8, rank: 1 },
      { proposalId: 'p2', score: 8, rank: 1 },
      { proposalId: 'p3', score: 5, rank: 3 },
      { proposalId: 'p4', score: 5, rank: 3 },
      { proposalId: 'p5', score: 4, rank: 5 },
      { proposalId: 'p6', score: 4, rank: 5 },
      { proposalId: 'p7', score: 4, rank: 5 },
    ];
    given([...open, roundOpened(seven), ...ballots])
      .when({ type: 'CloseRound', data: { meetingId, roundId: 'r-1' } })
      .then([
        {
          type: 'MeetingRoundClosed',
          data: { meetingId, roundId: 'r-1', ballots: 3, ranking, method: 'ballots' },
        },
      ]);
    // equal scores keep the proposals' creation order, whatever the order of the ballots
    expect(
      tally({ size: 5, ranked: true }, seven, [
        ['p4', 'p7', 'p1', 'p6'],
        ['p2', 'p3'],
        ['p1', 'p5', 'p2', 'p6', 'p3'],
      ]),
    ).toEqual(ranking);
  });

  it('counts a replaced ballot once, and 1 point per named proposal in an unranked round', () => {
    const unranked = [...open, roundOpened(['p1', 'p2', 'p3'], 2, false)];
    given([...unranked, ballot('an', ['p1', 'p2']), ballot('bo', ['p3', 'p2']), ballot('an', ['p3'], true)])
      .when({ type: 'CloseRound', data: { meetingId, roundId: 'r-1' } })
      .then([
        {
          type: 'MeetingRoundClosed',
          data: {
            meetingId,
            roundId: 'r-1',
            ballots: 2,
            method: 'ballots',
            ranking: [
              { proposalId: 'p3', score: 2, rank: 1 },
              { proposalId: 'p2', score: 1, rank: 2 },
              { proposalId: 'p1', score: 0, rank: 3 },
            ],
          },
        },
      ]);
  });

  it('refuses ballots after the round closed, and ending the meeting while a round is open', () => {
    const closed: MeetingEvent = {
      type: 'MeetingRoundClosed',
      data: { meetingId, roundId: 'r-1', ballots: 0, ranking: [] },
    };
    given([...open, roundOpened(seven), closed])
      .when({ type: 'SubmitBallot', data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: ['p1'] } })
      .thenThrows('MEETING.ROUND_CLOSED', { roundId: 'r-1' });
    given([...open, roundOpened(seven), closed])
      .when({ type: 'CloseRound', data: { meetingId, roundId: 'r-1' } })
      .thenThrows('MEETING.ROUND_CLOSED', { roundId: 'r-1' });
    given(open)
      .when({ type: 'CloseRound', data: { meetingId, roundId: 'r-9' } })
      .thenThrows('MEETING.ROUND_NOT_FOUND', { roundId: 'r-9' });
    given([...open, roundOpened(seven)])
      .when({ type: 'EndMeeting', data: { meetingId } })
      .thenThrows('MEETING.ROUND_STILL_OPEN', { roundId: 'r-1' });
    given([...open, roundOpened(seven), closed])
      .when({ type: 'OpenRound', data: { meetingId, roundId: 'r-2', size: 3, ranked: false } })
      .then([
        {
          type: 'MeetingRoundOpened',
          data: { meetingId, roundId: 'r-2', size: 3, ranked: false, proposalIds: seven },
        },
      ]);
  });
});
