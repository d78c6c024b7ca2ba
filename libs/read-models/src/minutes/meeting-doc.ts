import type { MeetingStatus } from '#domain';

import type { MeetingDoc } from '#contracts';

export type { MeetingDoc, MeetingDocAttendee, MeetingDocChange, MeetingDocRound } from '#contracts';

export const emptyMeetingDoc = (): MeetingDoc => ({
  attendees: [],
  agenda: [],
  proposals: [],
  rounds: [],
  decisions: [],
  nextSteps: [],
  corrections: [],
  correctedBy: [],
  changes: [],
});

/** The meeting's own fields next to its document (the columns of `rm_meetings`). */
export interface MeetingHeader {
  meetingId: string;
  workingGroupId: string;
  title: string;
  startsAt: string;
  location: string | null;
  status: MeetingStatus;
}
