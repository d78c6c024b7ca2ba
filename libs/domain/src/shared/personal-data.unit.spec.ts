import { describeEvent } from './describe.js';
import { ALL_EVENT_TYPES } from './domain-event.js';
import { FREE_TEXT_FIELDS, holdsErasableText } from './free-text.js';
import {
  ERASED,
  EVENT_TYPE_RULES,
  EVENT_UPCASTERS,
  PERSONAL_DATA_POLICY,
  freeTextFields,
  guestSubject,
  localiseErased,
  textItem,
} from './personal-data.js';

const EVENT = { id: 'e-1', actorId: 'u-7' };

describe('personal data policy', () => {
  it('declares every event type, and only those, with a version and its personal fields', () => {
    expect(Object.keys(EVENT_TYPE_RULES).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const type of ALL_EVENT_TYPES) {
      const rule = EVENT_TYPE_RULES[type];
      expect(rule.version).toBeGreaterThanOrEqual(1);
      // a type with personal fields is past version 1 (version 1 held them in plain text)
      expect(rule.personal.length > 0).toBe(rule.version >= 2);
    }
  });

  it('has one upcaster per version step of every type, no more', () => {
    for (const [type, rule] of Object.entries(EVENT_TYPE_RULES)) {
      for (let from = 1; from < rule.version; from++) {
        expect(EVENT_UPCASTERS.filter((u) => u.type === type && u.from === from)).toHaveLength(1);
      }
    }
    expect(EVENT_UPCASTERS).toHaveLength(
      Object.values(EVENT_TYPE_RULES).reduce((sum, r) => sum + r.version - 1, 0),
    );
    expect(PERSONAL_DATA_POLICY.erasedText).toBe(ERASED);
  });

  it('names the guest, user and signal reporter as subjects', () => {
    const attendance = EVENT_TYPE_RULES.MeetingAttendanceRecorded.personal;
    const guest = { attendeeId: 'guest:an peeters', guestName: 'An Peeters ', organisation: 'Buurtwerk' };
    expect(attendance.map((f) => f.subject(guest, EVENT))).toEqual([
      guestSubject('an peeters'),
      guestSubject('an peeters'),
      guestSubject('an peeters'),
    ]);
    // a user attendee has no personal field here: her name is in her own events
    expect(
      attendance.map((f) => f.subject({ attendeeId: 'u-1', userId: 'u-1', guestName: null }, EVENT)),
    ).toEqual([null, null, null]);
    const ballot = EVENT_TYPE_RULES.MeetingBallotSubmitted.personal;
    expect(ballot[0]!.subject({ voterId: 'guest:an peeters' }, EVENT)).toEqual(guestSubject('An Peeters'));
    expect(ballot[0]!.subject({ voterId: 'u-1' }, EVENT)).toBeNull();
    expect(EVENT_TYPE_RULES.UserRegistered.personal[0]!.subject({ userId: 'u-1' }, EVENT)).toEqual({
      kind: 'user',
      id: 'u-1',
    });
    expect(EVENT_TYPE_RULES.SignalSubmitted.personal[0]!.subject({ signalId: 's-1' }, EVENT)).toEqual({
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
    const v2 = up.up(v1, EVENT);
    expect(v2.guestName).toEqual({ $pd: 'plain', subject: guestSubject('An'), value: 'An' });
    expect(v2.attendeeId).toEqual({ $pd: 'plain', subject: guestSubject('An'), value: 'guest:an' });
    expect(v2.organisation).toBeNull();
    expect(v2.meetingId).toBe('m-1');
    // an already marked or encrypted value is left alone
    expect(up.up(v2, EVENT)).toEqual(v2);
  });

  it('makes every free text of the privacy table a text item of ids only, with its author', () => {
    const expected: Record<string, string[]> = {
      ActionNoteAdded: ['text'],
      ActionStatusChanged: ['reason'],
      ActionProgressReported: ['comment'],
      ActionSignalRecorded: ['text'],
      SignalSubmitted: ['text'],
      SignalAnswered: ['response'],
      SignalEscalated: ['text'],
      SignalClosed: ['reason'],
      MeetingAgendaItemAdded: ['notes'],
      MeetingAgendaNotesEdited: ['notes'],
      MeetingMinutesCorrected: ['text'],
      MeetingDecisionRecorded: ['text'],
      MeetingNextStepRecorded: ['text'],
      MeetingProposalAdded: ['text', 'source'],
      ActionArchived: ['reason'],
      PeriodUpdateSubmitted: ['narrative'],
      IndicatorMeasurementRecorded: ['source', 'comment'],
      IndicatorMeasurementCorrected: ['to.source', 'to.comment', 'reason'],
      IndicatorArchived: ['reason'],
      MeetingCancelled: ['reason'],
      ThemeArchived: ['reason'],
      GoalArchived: ['reason'],
      ActionUnplaced: ['reason'],
      WorkingGroupArchived: ['reason'],
    };
    const declared = Object.fromEntries(
      Object.keys(EVENT_TYPE_RULES)
        .map(
          (type) =>
            [type, freeTextFields(type).map((f) => (f.within ? `${f.within}.${f.field}` : f.field))] as const,
        )
        .filter(([, fields]) => fields.length > 0),
    );
    expect(declared).toEqual(expected);
    // the web app's table of entries with an "erase this text" button is the same
    expect(FREE_TEXT_FIELDS).toEqual(expected);
    expect(holdsErasableText('ActionNoteAdded', { text: 'Jan belde' })).toBe(true);
    expect(holdsErasableText('ActionNoteAdded', { text: ERASED })).toBe(false);
    expect(holdsErasableText('ActionStatusChanged', { reason: null })).toBe(false);
    expect(holdsErasableText('ActionAdded', { title: 'X' })).toBe(false);
    // a field inside an object of the data (a correction's values after it)
    expect(
      holdsErasableText('IndicatorMeasurementCorrected', {
        to: { source: '', comment: 'Jan' },
        reason: ERASED,
      }),
    ).toBe(true);
    expect(
      holdsErasableText('IndicatorMeasurementCorrected', {
        to: { source: '', comment: ERASED },
        reason: ERASED,
      }),
    ).toBe(false);
    const subject = (type: keyof typeof EVENT_TYPE_RULES, data: Record<string, unknown>) =>
      freeTextFields(type)[0]!.subject(data, EVENT);
    // items shown as one text share a key: a note, a signal's text (its own and the action's copy), an agenda
    // item's notes in every version; a reason, answer or comment is its own event's item
    expect(subject('ActionNoteAdded', { noteId: 'n-1' })).toEqual(textItem('note/n-1'));
    expect(subject('SignalSubmitted', { signalId: 's-1' })).toEqual(textItem('signal/s-1'));
    expect(subject('ActionSignalRecorded', { signalId: 's-1', actionId: 'a-1' })).toEqual(
      textItem('signal/s-1'),
    );
    expect(subject('MeetingAgendaItemAdded', { meetingId: 'm-1', itemId: 'i-1' })).toEqual(
      textItem('agenda-notes/m-1/i-1'),
    );
    expect(subject('MeetingAgendaNotesEdited', { meetingId: 'm-1', itemId: 'i-1' })).toEqual(
      textItem('agenda-notes/m-1/i-1'),
    );
    expect(subject('ActionStatusChanged', { actionId: 'a-1' })).toEqual(textItem('event/e-1'));
    const proposal = freeTextFields('MeetingProposalAdded').map((f) =>
      f.subject({ proposalId: 'p-1' }, EVENT),
    );
    expect(proposal).toEqual([textItem('proposal/p-1'), textItem('proposal/p-1')]);
    expect(subject('ActionArchived', { actionId: 'a-1', reason: 'x' })).toEqual(textItem('event/e-1'));
    for (const type of [
      'IndicatorArchived',
      'MeetingCancelled',
      'ThemeArchived',
      'GoalArchived',
      'ActionUnplaced',
      'WorkingGroupArchived',
    ] as const)
      expect(subject(type, { reason: 'x' })).toEqual(textItem('event/e-1'));
    // a measurement's source and comment in every version, the copy a correction keeps of the values before it
    // and the correction's reason are one item (one event, one item: the erasure names the event)
    const measurement = { indicatorId: 'i-1', measurementId: 'm-1' };
    expect(freeTextFields('IndicatorMeasurementRecorded').map((f) => f.subject(measurement, EVENT))).toEqual([
      textItem('measurement/i-1/m-1'),
      textItem('measurement/i-1/m-1'),
    ]);
    const correction = EVENT_TYPE_RULES.IndicatorMeasurementCorrected.personal;
    expect(correction.map((f) => [f.within, f.field, f.authored ?? false])).toEqual([
      ['from', 'source', false],
      ['from', 'comment', false],
      ['to', 'source', true],
      ['to', 'comment', true],
      [undefined, 'reason', true],
    ]);
    expect(new Set(correction.map((f) => JSON.stringify(f.subject(measurement, EVENT))))).toEqual(
      new Set([JSON.stringify(textItem('measurement/i-1/m-1'))]),
    );
    // a lead's narratives for one action in one period, and the copy frozen at the close, are one item
    expect(subject('PeriodUpdateSubmitted', { periodId: 'p-1', actionId: 'a-1' })).toEqual(
      textItem('period-narrative/p-1/a-1'),
    );
    const frozen = EVENT_TYPE_RULES.ReportingPeriodActionFrozen.personal;
    expect(frozen.map((f) => [f.within, f.field, f.authored ?? false])).toEqual([
      ['action', 'narrative', false],
    ]);
    expect(frozen[0]!.subject({ periodId: 'p-1', action: { actionId: 'a-1' } }, EVENT)).toEqual(
      textItem('period-narrative/p-1/a-1'),
    );
  });

  it("marks legacy plaintext inside a nested object (a frozen report's narrative) without touching the rest", () => {
    const up = EVENT_UPCASTERS.find((u) => u.type === 'ReportingPeriodActionFrozen' && u.from === 1)!;
    const v1 = { periodId: 'p-1', action: { actionId: 'a-1', code: '1.1', narrative: 'Over Jan' } };
    const v2 = up.up(v1, EVENT);
    expect(v2.action).toEqual({
      actionId: 'a-1',
      code: '1.1',
      narrative: { $pd: 'plain', subject: textItem('period-narrative/p-1/a-1'), value: 'Over Jan' },
    });
    expect(v1.action.narrative).toBe('Over Jan');
    expect(up.up(v2, EVENT)).toEqual(v2);
    // a frozen action without a narrative stays as it was
    const none = { periodId: 'p-1', action: { actionId: 'a-2', narrative: null } };
    expect(up.up(none, EVENT)).toEqual(none);
    const narrative = EVENT_UPCASTERS.find((u) => u.type === 'PeriodUpdateSubmitted')!;
    expect(
      narrative.up({ periodId: 'p-1', actionId: 'a-1', narrative: 'Over Jan' }, EVENT).narrative,
    ).toEqual({
      $pd: 'plain',
      subject: textItem('period-narrative/p-1/a-1'),
      value: 'Over Jan',
      author: 'u-7',
    });
  });

  it("brings a report frozen with copies (v2) to references (v3): a change keeps its copy, a signal's text goes", () => {
    expect(EVENT_TYPE_RULES.ReportingPeriodActionFrozen.version).toBe(3);
    const steps = EVENT_UPCASTERS.filter((u) => u.type === 'ReportingPeriodActionFrozen').sort(
      (a, b) => a.from - b.from,
    );
    expect(steps.map((s) => s.from)).toEqual([1, 2]);
    const summary = { nl: 'Notitie toegevoegd: over Jan', en: 'Note added: over Jan' };
    const v1 = {
      periodId: 'p-1',
      action: {
        actionId: 'a-1',
        narrative: 'Over Jan',
        changes: [{ at: '2025-03-01T10:00:00.000Z', summary }],
        changeCount: 4,
        openSignals: [
          { signalId: 's-1', text: 'Jan slaapt buiten', status: 'acknowledged', urgency: 'high' },
        ],
      },
    };
    const v3 = steps[1]!.up(steps[0]!.up(v1, EVENT), EVENT);
    expect(v3).toEqual({
      periodId: 'p-1',
      action: {
        actionId: 'a-1',
        // the step before marked the narrative; this one moves nothing inside it
        narrative: { $pd: 'plain', subject: textItem('period-narrative/p-1/a-1'), value: 'Over Jan' },
        changes: [{ at: '2025-03-01T10:00:00.000Z', event: null, summary }],
        changeCount: 4,
        openSignals: [{ signalId: 's-1', status: 'acknowledged', urgency: 'high' }],
      },
    });
    expect(v1.action.openSignals[0]!.text).toBe('Jan slaapt buiten');
    // a v3 action (references) passes unchanged, so the step is safe to run twice
    expect(steps[1]!.up(v3, EVENT)).toEqual(v3);
    const referenced = {
      periodId: 'p-1',
      action: {
        actionId: 'a-1',
        changes: [{ at: 'x', event: { streamId: 'action-a-1', version: 4 } }],
        openSignals: [],
      },
    };
    expect(steps[1]!.up(referenced, EVENT)).toEqual(referenced);
    // the changes and signals are references, not personal fields: only the narrative is encrypted
    expect(EVENT_TYPE_RULES.ReportingPeriodActionFrozen.personal.map((f) => f.field)).toEqual(['narrative']);
  });

  it('upcasts the free text of older versions to legacy plaintext with its item and author, one step at a time', () => {
    const v1 = { signalId: 's-1', partnerId: null, source: 'Mevrouw X', text: 'Over Y', urgency: 'normal' };
    const steps = EVENT_UPCASTERS.filter((u) => u.type === 'SignalSubmitted').sort((a, b) => a.from - b.from);
    expect(steps.map((s) => s.from)).toEqual([1, 2]);
    expect(EVENT_TYPE_RULES.SignalSubmitted.version).toBe(3);
    const v2 = steps[0]!.up(v1, EVENT);
    expect(v2.source).toEqual({ $pd: 'plain', subject: { kind: 'signal', id: 's-1' }, value: 'Mevrouw X' });
    expect(v2.text).toBe('Over Y');
    const v3 = steps[1]!.up(v2, EVENT);
    expect(v3.text).toEqual({
      $pd: 'plain',
      subject: textItem('signal/s-1'),
      value: 'Over Y',
      author: 'u-7',
    });
    expect(v3.source).toEqual(v2.source);
    // a null reason stays null (nothing to mark)
    const reason = EVENT_UPCASTERS.find((u) => u.type === 'ActionStatusChanged')!;
    expect(reason.up({ actionId: 'a-1', reason: null }, EVENT).reason).toBeNull();
  });

  it("marks a correction's legacy plaintext before and after it, and its reason, with the measurement's item", () => {
    const up = EVENT_UPCASTERS.find((u) => u.type === 'IndicatorMeasurementCorrected')!;
    expect(EVENT_TYPE_RULES.IndicatorMeasurementCorrected.version).toBe(2);
    const values = { measurementId: 'm-1', value: 3, date: '2025-01-01' };
    const v1 = {
      indicatorId: 'i-1',
      planId: 'p-1',
      measurementId: 'm-1',
      from: { ...values, source: 'Telling Jan', comment: '' },
      to: { ...values, value: 4, source: 'Telling Jan', comment: 'Over Piet' },
      reason: 'Piet telde opnieuw',
    };
    const item = textItem('measurement/i-1/m-1');
    const v2 = up.up(v1, EVENT);
    expect(v2).toEqual({
      indicatorId: 'i-1',
      planId: 'p-1',
      measurementId: 'm-1',
      // the values before: a copy, not written by the corrector (no author)
      from: {
        ...values,
        source: { $pd: 'plain', subject: item, value: 'Telling Jan' },
        comment: { $pd: 'plain', subject: item, value: '' },
      },
      to: {
        ...values,
        value: 4,
        source: { $pd: 'plain', subject: item, value: 'Telling Jan', author: 'u-7' },
        comment: { $pd: 'plain', subject: item, value: 'Over Piet', author: 'u-7' },
      },
      reason: { $pd: 'plain', subject: item, value: 'Piet telde opnieuw', author: 'u-7' },
    });
    expect(v1.to.comment).toBe('Over Piet');
    expect(up.up(v2, EVENT)).toEqual(v2);
    const archived = EVENT_UPCASTERS.find((u) => u.type === 'ThemeArchived')!;
    expect(archived.up({ planId: 'p-1', themeId: 't-1', reason: 'Over Jan' }, EVENT).reason).toEqual({
      $pd: 'plain',
      subject: textItem('event/e-1'),
      value: 'Over Jan',
      author: 'u-7',
    });
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
