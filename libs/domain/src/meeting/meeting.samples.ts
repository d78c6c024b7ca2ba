import type { MeetingEvent } from './meeting.events.js';

const meetingId = 'm-1';

/** one sample per meeting event type, for the catalogue-wide describe/changes specs */
export const MEETING_EVENT_SAMPLES: { [T in MeetingEvent['type']]: Extract<MeetingEvent, { type: T }> } = {
  MeetingScheduled: {
    type: 'MeetingScheduled',
    data: {
      meetingId,
      workingGroupId: 'wg-1',
      title: 'Werkgroep dak- en thuislozen',
      startsAt: '2024-03-05T13:00:00.000Z',
      location: 'Stadhuis, zaal 2',
    },
  },
  MeetingRescheduled: {
    type: 'MeetingRescheduled',
    data: {
      meetingId,
      from: { title: 'Werkgroep', startsAt: '2024-03-05T13:00:00.000Z', location: null },
      to: { title: 'Werkgroep', startsAt: '2024-03-12T13:00:00.000Z', location: 'https://meet.example/wg' },
    },
  },
  MeetingStarted: { type: 'MeetingStarted', data: { meetingId } },
  MeetingEnded: { type: 'MeetingEnded', data: { meetingId } },
  MeetingCancelled: { type: 'MeetingCancelled', data: { meetingId, reason: 'te weinig deelnemers' } },
  MeetingAttendanceRecorded: {
    type: 'MeetingAttendanceRecorded',
    data: {
      meetingId,
      attendeeId: 'u-1',
      userId: 'u-1',
      guestName: null,
      partnerId: 'caw',
      organisation: null,
      status: 'present',
      from: null,
    },
  },
  MeetingAgendaItemAdded: {
    type: 'MeetingAgendaItemAdded',
    data: { meetingId, itemId: 'i-1', kind: 'action', refId: 'a-1', title: '3.1.1 Kamerwonen' },
  },
  MeetingAgendaItemRemoved: { type: 'MeetingAgendaItemRemoved', data: { meetingId, itemId: 'i-1' } },
  MeetingAgendaReordered: { type: 'MeetingAgendaReordered', data: { meetingId, order: ['i-2', 'i-1'] } },
  MeetingMinutesCorrected: {
    type: 'MeetingMinutesCorrected',
    data: { meetingId, correctionId: 'c-1', correctsMeetingId: 'm-0', text: 'CAW was verontschuldigd' },
  },
  MeetingDecisionRecorded: {
    type: 'MeetingDecisionRecorded',
    data: {
      meetingId,
      decisionId: 'd-1',
      text: 'Kamerwonen gaat voor',
      actionIds: ['a-1'],
      agendaItemId: null,
    },
  },
  MeetingNextStepRecorded: {
    type: 'MeetingNextStepRecorded',
    data: {
      meetingId,
      nextStepId: 's-1',
      text: 'Kader uitschrijven',
      ownerUserId: 'u-1',
      ownerPartnerId: null,
      dueDate: '2024-04-30',
      linkedActionId: 'a-1',
    },
  },
  MeetingProposalAdded: {
    type: 'MeetingProposalAdded',
    data: {
      meetingId,
      proposalId: 'p-1',
      text: 'Sectoroverschrijdend werken',
      themeId: null,
      actionIds: [],
      proposedBy: 'u-1',
    },
  },
  MeetingRoundOpened: {
    type: 'MeetingRoundOpened',
    data: { meetingId, roundId: 'r-1', size: 5, ranked: true, proposalIds: ['p-1', 'p-2'] },
  },
  MeetingBallotSubmitted: {
    type: 'MeetingBallotSubmitted',
    data: { meetingId, roundId: 'r-1', voterId: 'u-1', proposalIds: ['p-2', 'p-1'], replaces: false },
  },
  MeetingRoundClosed: {
    type: 'MeetingRoundClosed',
    data: {
      meetingId,
      roundId: 'r-1',
      ballots: 1,
      ranking: [
        { proposalId: 'p-2', score: 5, rank: 1 },
        { proposalId: 'p-1', score: 4, rank: 2 },
      ],
    },
  },
  MeetingAgendaNotesEdited: {
    type: 'MeetingAgendaNotesEdited',
    data: { meetingId, itemId: 'i-1', notes: 'Het CAW meldt **meer** aanmeldingen.' },
  },
  MeetingTallyRecorded: {
    type: 'MeetingTallyRecorded',
    data: {
      meetingId,
      roundId: 'r-1',
      scores: [
        { proposalId: 'p-1', points: 7 },
        { proposalId: 'p-2', points: 3 },
      ],
      voters: 2,
      replaces: false,
    },
  },
};
