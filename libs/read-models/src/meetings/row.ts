import type { MeetingStatus } from '#domain';
import type { MeetingDoc } from '../minutes/meeting-doc.js';
import { integer, jsonb, nullable, table, text, timestamptz, type RowOf } from '../projection/table.js';

/** one row per meeting, its detail as a JSON document */
export const meetingsTable = table(
  'rm_meetings',
  {
    tenant_id: text(),
    id: text(),
    working_group_id: text(),
    title: text(),
    starts_at: timestamptz(),
    location: nullable(text()),
    status: text<MeetingStatus>(),
    started_at: nullable(timestamptz()),
    ended_at: nullable(timestamptz()),
    cancelled_reason: nullable(text()),
    doc: jsonb<MeetingDoc>(),
    version: integer(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
  },
  {
    primaryKey: ['tenant_id', 'id'],
    indexes: [{ name: 'rm_meetings_group_idx', columns: 'tenant_id, working_group_id, starts_at' }],
  },
);
export type MeetingRow = RowOf<typeof meetingsTable>;

/** the minutes, every revision kept, with the position of the event that made it */
export const meetingMinutesTable = table(
  'rm_meeting_minutes',
  {
    tenant_id: text(),
    meeting_id: text(),
    revision: integer(),
    position: text(),
    occurred_at: timestamptz(),
    actor_id: text(),
    event_type: text(),
    /** the meeting whose event changed these minutes (another one for a correction) */
    source_meeting_id: text(),
    minutes: jsonb(),
  },
  { primaryKey: ['tenant_id', 'meeting_id', 'revision'] },
);
export type MeetingMinutesRow = RowOf<typeof meetingMinutesTable>;

export const MEETINGS_TABLE = meetingsTable.name;
export const MEETING_MINUTES_TABLE = meetingMinutesTable.name;
