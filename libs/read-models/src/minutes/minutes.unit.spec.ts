import {
  emptyMeetingDoc,
  type MeetingDoc,
  type MeetingDocChange,
  type MeetingHeader,
} from './meeting-doc.js';
import { actionChanges, buildMinutes } from './minutes.js';
import { escapeHtml, renderMinutes, type MinutesNames } from './render.js';

const header: MeetingHeader = {
  meetingId: 'm-2',
  workingGroupId: 'wg',
  title: 'Werkgroep <wonen>',
  startsAt: '2024-07-02T12:30:00.000Z', // 14:30 in Brussels (summer time)
  location: null,
  status: 'open',
};
const change = (field: string, from: unknown, to: unknown, actionId = 'a-1'): MeetingDocChange => ({
  field,
  from,
  to,
  actionId,
  position: '0',
  at: '2024-07-02T12:40:00.000Z',
  actorId: 'u-1',
  type: 'x',
});
const names: MinutesNames = {
  workingGroup: 'Kamerwonen',
  users: { 'u-1': 'An Peeters' },
  partners: { caw: 'CAW', ocmw: 'OCMW' },
  actions: { 'a-1': { code: '3.2.1', title: 'Kamerwonen' }, 'a-2': { code: '3.2.2', title: 'Studio’s' } },
  meetings: { 'm-1': { title: 'Juni', startsAt: '2024-06-04T12:30:00.000Z' } },
};

describe('the minutes of a meeting', () => {
  it('keep the value before the first and after the last change, drop changes undone, keep notes', () => {
    expect(
      actionChanges('a-1', [
        change('status', 'not_started', 'in_progress'),
        change('progress', null, 20),
        change('status', 'in_progress', 'postponed'),
        change('owner', 'caw', 'ocmw'),
        change('owner', 'ocmw', 'caw'),
        change('notes', null, 'Eerste stap'),
        change('status', 'x', 'y', 'a-2'),
      ]),
    ).toEqual({
      actionId: 'a-1',
      changes: [
        { field: 'status', from: 'not_started', to: 'postponed' },
        { field: 'progress', from: null, to: 20 },
      ],
      notes: ['Eerste stap'],
    });
  });

  it('render an empty meeting with "Geen." sections, in Belgian time', () => {
    const md = renderMinutes(buildMinutes(header, emptyMeetingDoc()), { format: 'md', names });
    expect(md.split('\n')).toEqual([
      '# Verslag: Werkgroep <wonen>',
      '',
      '- Werkgroep: Kamerwonen',
      '- Datum: 02/07/2024 14:30',
      '- Status: bezig',
      '',
      '## Aanwezig',
      '',
      'Geen.',
      '',
      '## Verontschuldigd',
      '',
      'Geen.',
      '',
      '## Correcties op vorige verslagen',
      '',
      'Geen.',
      '',
      '## Agenda',
      '',
      'Geen.',
      '',
      '## Beslissingen',
      '',
      'Geen.',
      '',
      '## Volgende stappen',
      '',
      'Geen.',
      '',
    ]);
  });

  it('list changes to actions not on the agenda, absentees and later corrections, in English', () => {
    const doc: MeetingDoc = {
      ...emptyMeetingDoc(),
      attendees: [
        {
          attendeeId: 'u-1',
          userId: 'u-1',
          guestName: null,
          partnerId: 'caw',
          organisation: null,
          status: 'absent',
        },
      ],
      changes: [change('dueDate', '2024-06-30', null, 'a-2'), change('partners', null, 'ocmw', 'a-2')],
      correctedBy: [
        { meetingId: 'm-1', correctionId: 'c', text: 'Typfout', at: '2024-07-09T12:00:00Z', position: '1' },
      ],
    };
    const md = renderMinutes(buildMinutes(header, doc), { format: 'md', lang: 'en', names }).split('\n');
    expect(md).toEqual(
      expect.arrayContaining([
        '## Absent',
        '- An Peeters (CAW)',
        '## Other changes to actions',
        '### 3.2.2 Studio’s',
        '- Due date: 2024-06-30 → none',
        '- Partner added: OCMW',
        '## Corrected later',
        '- At the meeting of 2024-06-04 14:30 (Juni): Typfout',
      ]),
    );
  });

  it('render printable HTML with every text escaped', () => {
    const html = renderMinutes(buildMinutes(header, emptyMeetingDoc()), {
      format: 'html',
      lang: 'en',
      names,
    });
    expect(html).toContain('<h1>Minutes: Werkgroep &lt;wonen&gt;</h1>');
    expect(html).toContain('<title>Minutes: Werkgroep &lt;wonen&gt;</title>');
    expect(html).toContain('@media print');
    expect(html).not.toContain('<wonen>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
