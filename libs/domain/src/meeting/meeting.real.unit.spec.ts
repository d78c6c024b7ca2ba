import { specFor, TEST_CONTEXT } from '../shared/testing.js';
import { meetingDecider } from './meeting.decide.js';
import { describeMeetingEvent, formatMeetingTime } from './meeting.describe.js';
import type { MeetingEvent } from './meeting.events.js';

/** Meetings as they really happen (issue 17): ballots on behalf, paper tallies, notes, dates, outside minutes. */
const given = specFor(meetingDecider);
const meetingId = 'm-1';
const scheduled: MeetingEvent = {
  type: 'MeetingScheduled',
  data: {
    meetingId,
    workingGroupId: 'wg',
    title: 'Werkgroep dak- en thuislozen',
    startsAt: '2024-01-19',
    location: null,
  },
};
const started: MeetingEvent = { type: 'MeetingStarted', data: { meetingId } };
const attendance = (
  who: { userId: string } | { guestName: string },
  status: 'present' | 'excused' | 'absent' = 'present',
): MeetingEvent => {
  const userId = 'userId' in who ? who.userId : null;
  const guestName = 'guestName' in who ? who.guestName : null;
  return {
    type: 'MeetingAttendanceRecorded',
    data: {
      meetingId,
      attendeeId: userId ?? `guest:${guestName!.toLowerCase()}`,
      userId,
      guestName,
      partnerId: null,
      organisation: guestName ? 'Straathoekwerk' : null,
      status,
      from: null,
    },
  };
};
const proposal = (proposalId: string): MeetingEvent => ({
  type: 'MeetingProposalAdded',
  data: {
    meetingId,
    proposalId,
    text: `Voorstel ${proposalId}`,
    themeId: null,
    actionIds: [],
    proposedBy: 'an',
  },
});
const round = (size = 3, ranked = true): MeetingEvent => ({
  type: 'MeetingRoundOpened',
  data: { meetingId, roundId: 'r-1', size, ranked, proposalIds: ['p1', 'p2', 'p3'] },
});
const open = [
  scheduled,
  started,
  attendance({ userId: 'an' }),
  attendance({ userId: 'els' }),
  attendance({ guestName: 'Mo' }),
  attendance({ userId: 'tom' }, 'excused'),
  proposal('p1'),
  proposal('p2'),
  proposal('p3'),
  round(),
];

describe('a meeting on a date alone', () => {
  it('is scheduled and moved with a date, which the texts show without a time', () => {
    given([])
      .when({
        type: 'ScheduleMeeting',
        data: {
          meetingId,
          workingGroupId: 'wg',
          title: 'Werkgroep dak- en thuislozen',
          startsAt: '2024-01-19',
        },
      })
      .then([scheduled]);
    given([scheduled])
      .when({ type: 'RescheduleMeeting', data: { meetingId, startsAt: '2024-02-30' } })
      .thenThrows('MEETING.INVALID', { field: 'startsAt', rule: 'must be an existing calendar date' });
    expect(formatMeetingTime('2024-01-19')).toEqual({ nl: '19/01/2024', en: '2024-01-19' });
    expect(describeMeetingEvent(scheduled).nl).toBe(
      'Vergadering "Werkgroep dak- en thuislozen" gepland op 19/01/2024',
    );
  });
});

describe('bulk attendance', () => {
  it('records a list in one write, skips what is unchanged, refuses a person named twice', () => {
    given([scheduled, attendance({ userId: 'an' })])
      .when({
        type: 'RecordAttendanceList',
        data: {
          meetingId,
          attendees: [
            { userId: 'an', status: 'present' },
            { userId: 'els', status: 'excused' },
            { guestName: 'Mo', organisation: 'Straathoekwerk', status: 'present' },
          ],
        },
      })
      .then([{ ...attendance({ userId: 'els' }, 'excused') }, attendance({ guestName: 'Mo' })]);
    given([scheduled])
      .when({
        type: 'RecordAttendanceList',
        data: {
          meetingId,
          attendees: [
            { guestName: 'Mo', status: 'present' },
            { guestName: 'mo', status: 'excused' },
          ],
        },
      })
      .thenThrows('MEETING.INVALID', { field: 'attendees[1]', rule: 'names a person a second time' });
    given([scheduled, attendance({ userId: 'an' })])
      .when({
        type: 'RecordAttendanceList',
        data: { meetingId, attendees: [{ userId: 'an', status: 'present' }] },
      })
      .thenThrows('MEETING.NO_CHANGE', { field: 'attendance' });
    given([scheduled])
      .when({ type: 'RecordAttendanceList', data: { meetingId, attendees: [{ status: 'present' }] } })
      .thenThrows('MEETING.INVALID', {
        field: 'attendees[0].userId',
        rule: 'name either a user (userId) or a guest (guestName), not both',
      });
  });
});

describe('ballots on behalf and paper tallies', () => {
  it('lets any present attendee vote, a guest too, recorded on her behalf; her own ballot replaces it', () => {
    given(open)
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'guest:mo', proposalIds: ['p2'], recordedBy: 'an' },
      })
      .then([
        {
          type: 'MeetingBallotSubmitted',
          data: {
            meetingId,
            roundId: 'r-1',
            voterId: 'guest:mo',
            proposalIds: ['p2'],
            replaces: false,
            recordedBy: 'an',
            guestName: 'Mo',
          },
        },
      ]);
    const recorded: MeetingEvent = {
      type: 'MeetingBallotSubmitted',
      data: {
        meetingId,
        roundId: 'r-1',
        voterId: 'els',
        proposalIds: ['p1'],
        replaces: false,
        recordedBy: 'an',
      },
    };
    // the same top cast by herself is still a change: the ballot becomes her own
    given([...open, recorded])
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'els', proposalIds: ['p1'] },
      })
      .then([
        {
          type: 'MeetingBallotSubmitted',
          data: { meetingId, roundId: 'r-1', voterId: 'els', proposalIds: ['p1'], replaces: true },
        },
      ]);
    given(open)
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'tom', proposalIds: ['p1'], recordedBy: 'an' },
      })
      .thenThrows('MEETING.NOT_PRESENT', { voterId: 'tom', userId: 'tom' });
    given(open)
      .when({
        type: 'SubmitBallot',
        data: { meetingId, roundId: 'r-1', voterId: 'guest:zoe', proposalIds: ['p1'] },
      })
      .thenThrows('MEETING.NOT_PRESENT', { voterId: 'guest:zoe' });
    const names: Record<string, string> = { an: 'An', els: 'Els' };
    const text = describeMeetingEvent(recorded, (_kind, id) => names[id]);
    expect(text).toEqual({ nl: 'An noteerde de top van Els', en: 'An recorded the top of Els' });
    const forGuest: MeetingEvent = {
      type: 'MeetingBallotSubmitted',
      data: {
        meetingId,
        roundId: 'r-1',
        voterId: 'guest:mo',
        proposalIds: ['p2'],
        replaces: false,
        recordedBy: 'an',
        guestName: 'Mo',
      },
    };
    expect(describeMeetingEvent(forGuest, (_kind, id) => names[id]).nl).toBe('An noteerde de top van Mo');
  });

  it('ranks a paper tally like ballots, with its number of voters, and keeps the two ways apart', () => {
    const tallied: MeetingEvent = {
      type: 'MeetingTallyRecorded',
      data: {
        meetingId,
        roundId: 'r-1',
        scores: [
          { proposalId: 'p3', points: 9 },
          { proposalId: 'p1', points: 9 },
        ],
        voters: 4,
        replaces: false,
      },
    };
    given(open)
      .when({
        type: 'RecordTally',
        data: {
          meetingId,
          roundId: 'r-1',
          scores: [
            { proposalId: 'p3', points: 9 },
            { proposalId: 'p1', points: 9 },
          ],
          voters: 4,
        },
      })
      .then([tallied]);
    given([...open, tallied])
      .when({ type: 'CloseRound', data: { meetingId, roundId: 'r-1' } })
      .then([
        {
          type: 'MeetingRoundClosed',
          data: {
            meetingId,
            roundId: 'r-1',
            ballots: 4,
            method: 'tally',
            ranking: [
              { proposalId: 'p1', score: 9, rank: 1 },
              { proposalId: 'p3', score: 9, rank: 1 },
              { proposalId: 'p2', score: 0, rank: 3 },
            ],
          },
        },
      ]);
    given([...open, tallied])
      .when({ type: 'SubmitBallot', data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: ['p1'] } })
      .thenThrows('MEETING.ROUND_METHOD_CONFLICT', { roundId: 'r-1', method: 'tally' });
    given([
      ...open,
      {
        type: 'MeetingBallotSubmitted',
        data: { meetingId, roundId: 'r-1', voterId: 'an', proposalIds: ['p1'], replaces: false },
      },
    ])
      .when({ type: 'RecordTally', data: { meetingId, roundId: 'r-1', scores: [], voters: 1 } })
      .thenThrows('MEETING.ROUND_METHOD_CONFLICT', { roundId: 'r-1', method: 'ballots' });
  });

  it('refuses a tally no paper round could give', () => {
    const tally = (scores: { proposalId: string; points: number }[], voters: number) =>
      given(open).when({ type: 'RecordTally', data: { meetingId, roundId: 'r-1', scores, voters } });
    // top 3 ranked: one voter gives a proposal at most 3 points, 6 in all
    tally([{ proposalId: 'p1', points: 4 }], 1).thenThrows('MEETING.INVALID', {
      field: 'scores[0].points',
      rule: 'must be at most 3 (1 voters)',
    });
    tally(
      [
        { proposalId: 'p1', points: 3 },
        { proposalId: 'p2', points: 3 },
        { proposalId: 'p3', points: 3 },
      ],
      1,
    ).thenThrows('MEETING.INVALID', { field: 'scores', rule: 'give at most 6 points in all (1 voters)' });
    tally([{ proposalId: 'p9', points: 1 }], 1).thenThrows('MEETING.PROPOSAL_NOT_IN_ROUND', {
      proposalIds: ['p9'],
    });
    tally([], 0).thenThrows('MEETING.INVALID', {
      field: 'voters',
      rule: 'must be a whole number of at least 1',
    });
  });
});

describe('discussion notes, outside minutes, proposal sources', () => {
  const topic: MeetingEvent = {
    type: 'MeetingAgendaItemAdded',
    data: { meetingId, itemId: 'i-1', kind: 'topic', refId: null, title: 'Winteropvang' },
  };
  it('keeps Markdown notes per agenda item, replaced as a whole, not to the same', () => {
    given([scheduled, started, topic])
      .when({ type: 'EditAgendaNotes', data: { meetingId, itemId: 'i-1', notes: '- meer **jongeren**\n' } })
      .then([
        {
          type: 'MeetingAgendaNotesEdited',
          data: { meetingId, itemId: 'i-1', notes: '- meer **jongeren**' },
        },
      ]);
    given([
      scheduled,
      topic,
      { type: 'MeetingAgendaNotesEdited', data: { meetingId, itemId: 'i-1', notes: 'x' } },
    ])
      .when({ type: 'EditAgendaNotes', data: { meetingId, itemId: 'i-1', notes: 'x' } })
      .thenThrows('MEETING.NO_CHANGE', { field: 'notes' });
    given([scheduled])
      .when({ type: 'EditAgendaNotes', data: { meetingId, itemId: 'i-9', notes: 'x' } })
      .thenThrows('MEETING.AGENDA_ITEM_NOT_FOUND', { itemId: 'i-9' });
  });

  it('corrects the minutes of an earlier meeting held outside the product, by its date and title', () => {
    given([scheduled])
      .when({
        type: 'CorrectMinutes',
        data: {
          meetingId,
          correctionId: 'c-1',
          outsideMeeting: { date: '2023-12-08', title: 'Werkgroep december' },
          text: 'Het CAW was verontschuldigd.',
        },
      })
      .then([
        {
          type: 'MeetingMinutesCorrected',
          data: {
            meetingId,
            correctionId: 'c-1',
            correctsMeetingId: null,
            outsideMeeting: { date: '2023-12-08', title: 'Werkgroep december' },
            text: 'Het CAW was verontschuldigd.',
          },
        },
      ]);
    given([scheduled])
      .when({
        type: 'CorrectMinutes',
        data: {
          meetingId,
          correctionId: 'c-1',
          outsideMeeting: { date: '2024-01-19', title: 'x' },
          text: 'y',
        },
      })
      .thenThrows('MEETING.INVALID', {
        field: 'outsideMeeting.date',
        rule: "must be before this meeting's date",
      });
    given([scheduled])
      .when({
        type: 'CorrectMinutes',
        data: {
          meetingId,
          correctionId: 'c-1',
          correctsMeetingId: 'm-0',
          outsideMeeting: { date: '2023-12-08', title: 'x' },
          text: 'y',
        },
      })
      .thenThrows('MEETING.INVALID', { field: 'correctsMeetingId', rule: expect.any(String) });
  });

  it('keeps where a proposal came from and its category, only when given', () => {
    given([scheduled])
      .when({
        type: 'AddProposal',
        data: {
          meetingId,
          proposalId: 'p1',
          text: 'Housing First',
          source: 'netwerkdag 13/10',
          category: ' ',
        },
      })
      .then([
        {
          type: 'MeetingProposalAdded',
          data: {
            meetingId,
            proposalId: 'p1',
            text: 'Housing First',
            themeId: null,
            actionIds: [],
            proposedBy: TEST_CONTEXT.actorId,
            source: 'netwerkdag 13/10',
          },
        },
      ]);
  });
});
