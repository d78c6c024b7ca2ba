import { describeEvent } from './describe.js';
import { ALL_EVENT_TYPES } from './domain-event.js';
import {
  ERASED,
  EVENT_TYPE_RULES,
  EVENT_UPCASTERS,
  PERSONAL_DATA_POLICY,
  guestSubject,
  localiseErased,
} from './personal-data.js';

describe('personal data policy', () => {
  it('declares every event type, and only those, with a version and its personal fields', () => {
    expect(Object.keys(EVENT_TYPE_RULES).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const type of ALL_EVENT_TYPES) {
      const rule = EVENT_TYPE_RULES[type];
      expect(rule.version).toBeGreaterThanOrEqual(1);
      // a type with personal fields is at version 2 (version 1 held them in plain text)
      expect(rule.personal.length > 0).toBe(rule.version === 2);
    }
  });

  it('has one upcaster per version step of every type, no more', () => {
    for (const [type, rule] of Object.entries(EVENT_TYPE_RULES)) {
      for (let from = 1; from < rule.version; from++) {
        expect(EVENT_UPCASTERS.filter((u) => u.type === type && u.from === from)).toHaveLength(1);
      }
    }
    expect(EVENT_UPCASTERS).toHaveLength(
      Object.values(EVENT_TYPE_RULES).filter((r) => r.version === 2).length,
    );
    expect(PERSONAL_DATA_POLICY.erasedText).toBe(ERASED);
  });

  it('names the guest, user and signal reporter as subjects', () => {
    const attendance = EVENT_TYPE_RULES.MeetingAttendanceRecorded.personal;
    const guest = { attendeeId: 'guest:an peeters', guestName: 'An Peeters ', organisation: 'Buurtwerk' };
    expect(attendance.map((f) => f.subject(guest))).toEqual([
      guestSubject('an peeters'),
      guestSubject('an peeters'),
      guestSubject('an peeters'),
    ]);
    // a user attendee has no personal field here: her name is in her own events
    expect(attendance.map((f) => f.subject({ attendeeId: 'u-1', userId: 'u-1', guestName: null }))).toEqual([
      null,
      null,
      null,
    ]);
    const ballot = EVENT_TYPE_RULES.MeetingBallotSubmitted.personal;
    expect(ballot[0]!.subject({ voterId: 'guest:an peeters' })).toEqual(guestSubject('An Peeters'));
    expect(ballot[0]!.subject({ voterId: 'u-1' })).toBeNull();
    expect(EVENT_TYPE_RULES.UserRegistered.personal[0]!.subject({ userId: 'u-1' })).toEqual({
      kind: 'user',
      id: 'u-1',
    });
    expect(EVENT_TYPE_RULES.SignalSubmitted.personal[0]!.subject({ signalId: 's-1' })).toEqual({
      kind: 'signal',
      id: 's-1',
    });
  });

  it('upcasts version 1 plaintext to marked legacy plaintext with its subject, taken before any field changes', () => {
    const up = EVENT_UPCASTERS.find((u) => u.type === 'MeetingAttendanceRecorded')!;
    const v1 = {
      meetingId: 'm-1',
      attendeeId: 'guest:an',
      userId: null,
      guestName: 'An',
      partnerId: null,
      organisation: null,
      status: 'present',
      from: null,
    };
    const v2 = up.up(v1);
    expect(v2.guestName).toEqual({ $pd: 'plain', subject: guestSubject('An'), value: 'An' });
    expect(v2.attendeeId).toEqual({ $pd: 'plain', subject: guestSubject('An'), value: 'guest:an' });
    expect(v2.organisation).toBeNull();
    expect(v2.meetingId).toBe('m-1');
    // an already marked or encrypted value is left alone
    expect(up.up(v2)).toEqual(v2);
  });

  it('shows the erased marker as "gewist" in Dutch and "erased" in English', () => {
    expect(localiseErased({ nl: `Gast ${ERASED} aanwezig`, en: `Guest ${ERASED} present` })).toEqual({
      nl: 'Gast gewist aanwezig',
      en: 'Guest erased present',
    });
    const described = describeEvent({
      type: 'UserRenamed',
      data: { userId: 'u-1', from: ERASED, to: ERASED },
    });
    expect(described.nl).toContain('gewist');
    expect(described.nl).not.toContain(ERASED);
    expect(described.en).toContain('erased');
  });
});
