import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  PASSWORD,
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { liveClient, RoomRecorder } from '../support/live.js';

/**
 * A meeting as it really happens (issue 17, part 1), replayed over REST: the group's secretary is partner
 * staff and runs the meeting without being a coordinator; attendance in one request with guests and their
 * organisations; a correction to minutes kept outside the product; a partner's signal, discussion notes per
 * agenda item; ballots cast by members (partner staff too), recorded on behalf of a guest and of a member
 * (whose own ballot then replaces it); a round held on paper with a tally; proposals with a source and a
 * category; a meeting on a date alone. The minutes are asserted line by line in Markdown, and the HTML and
 * the PDF (parsed back with pdf.js) carry the same lines.
 */

interface Member {
  id: string;
  name: string;
  token: string;
}

interface Write {
  id: string;
  version: number;
  position: string;
  [extra: string]: unknown;
}

interface Scene {
  test: TestApi;
  fx: TenantFixture;
  groupId: string;
  coordinator: Member;
  actionId: string;
  meetingId: string;
  signalId: string;
  /** the last write's position, for `minPosition` */
  position: string;
  secretary: Member;
  chair: Member;
  /** partner staff (tenant role `partner`) who is a plain member of the group */
  pia: Member;
  member: Member;
  proposals: Record<string, string>;
  topicId: string;
  actionItemId: string;
}

const scene = {} as Scene;

/** a REST call as one user; `expect` is the status it must answer */
async function call(
  _scene: Scene,
  token: string,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body?: object,
  headers: Record<string, string> = {},
  expect: number | number[] = method === 'get' ? 200 : [200, 201],
) {
  let request = scene.test.http[method](path).set(bearer(token)).set(headers);
  // a PDF is read as bytes
  if (path.includes('format=pdf'))
    request = request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const response = body ? await request.send(body) : await request;
  const ok = Array.isArray(expect) ? expect.includes(response.status) : response.status === expect;
  if (!ok)
    throw new Error(`${method.toUpperCase()} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** a write that must succeed; remembers its position */
async function write(
  _scene: Scene,
  who: Member,
  method: 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body: object = {},
  headers: Record<string, string> = {},
): Promise<Write> {
  const result = (await call(scene, who.token, method, path, body, headers)).body as Write;
  scene.position = result.position;
  return result;
}

/** the texts that are not found in `lines` in this order (lines joined, as wrapping may split one) */
function missingInOrder(lines: readonly string[], expected: readonly string[]): string[] {
  const text = lines.join(' ');
  const missing: string[] = [];
  let from = 0;
  for (const wanted of expected) {
    const at = text.indexOf(wanted, from);
    if (at < 0) missing.push(wanted);
    else from = at + wanted.length;
  }
  return missing;
}

/** a user of the tenant with a role, added to the group with a group role */
async function groupUser(
  name: string,
  role: 'member' | 'partner',
  partnerId: string,
  groupRole: 'chair' | 'secretary' | 'member',
): Promise<Member> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@${scene.fx.tenantId}.test`;
  const coordinator = scene.fx.users.coordinator.token;
  const user = (
    await call(scene, coordinator, 'post', '/api/users', { email, name, role, partnerId, password: PASSWORD })
  ).body as Write;
  await call(scene, coordinator, 'post', `/api/working-groups/${scene.groupId}/members`, {
    userId: user.id,
    role: groupRole,
  });
  return { id: user.id, name, token: await login(scene.test, email) };
}

/** the text of a PDF, page by page, as lines (items on the same baseline joined) */
async function pdfLines(data: Buffer): Promise<string[]> {
  const pdf = await getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    // the metrics of the 14 standard fonts the minutes use, from the pdf.js package
    standardFontDataUrl: join(process.cwd(), 'node_modules/pdfjs-dist/standard_fonts/'),
  }).promise;
  const lines: string[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const content = await (await pdf.getPage(page)).getTextContent();
    let current: { y: number; text: string } | null = null;
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = Math.round(item.transform[5] as number);
      if (current && Math.abs(current.y - y) <= 2) current.text += item.str;
      else {
        if (current) lines.push(current.text);
        current = { y, text: item.str };
      }
    }
    if (current) lines.push(current.text);
  }
  await pdf.destroy();
  return lines.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

beforeAll(async () => {
  scene.test = await startTestApi();
  scene.fx = await seedTenant(scene.test, 'realmeeting');
  scene.groupId = scene.fx.workingGroupId;
  scene.coordinator = {
    id: scene.fx.users.coordinator.id,
    name: 'coordinator',
    token: scene.fx.users.coordinator.token,
  };
  scene.member = {
    id: scene.fx.users.member.id,
    name: 'member of realmeeting',
    token: scene.fx.users.member.token,
  };
  scene.secretary = await groupUser('Sara Secretaris', 'partner', scene.fx.partnerId, 'secretary');
  scene.chair = await groupUser('Chris Voorzitter', 'member', scene.fx.otherPartnerId, 'chair');
  scene.pia = await groupUser('Pia Partner', 'partner', scene.fx.otherPartnerId, 'member');
  scene.actionId = await scene.fx.newAction();
  scene.proposals = {};
});

afterAll(async () => {
  await scene.test?.close();
});

describe('a meeting as it really happens', () => {
  const meeting = (suffix = '') => `/api/meetings/${scene.meetingId}${suffix}`;

  it('lets the secretary (partner staff) schedule a meeting on a date alone; plain partner staff may not', async () => {
    const path = `/api/working-groups/${scene.groupId}/meetings`;
    const body = { title: 'Werkgroep dak- en thuislozen januari', startsAt: '2024-01-19' };
    const refused = await call(scene, scene.pia.token, 'post', path, body, {}, 403);
    expect(refused.body).toMatchObject({ code: 'AUTH.FORBIDDEN', details: { role: 'partner' } });
    const outsider = await call(scene, scene.fx.users.partner.token, 'post', path, body, {}, 403);
    expect(outsider.body.code).toBe('AUTH.FORBIDDEN');
    const viewer = await call(scene, scene.fx.users.viewer.token, 'post', path, body, {}, 403);
    expect(viewer.body.code).toBe('AUTH.FORBIDDEN');
    const bad = await call(
      scene,
      scene.secretary.token,
      'post',
      path,
      { ...body, startsAt: '2024-02-30' },
      {},
      400,
    );
    expect(bad.body.code).toMatch(/INVALID|VALIDATION/);

    const scheduled = await write(scene, scene.secretary, 'post', path, body);
    scene.meetingId = scheduled.id;
    const detail = (await call(scene, scene.pia.token, 'get', meeting(`?minPosition=${scene.position}`)))
      .body;
    expect(detail).toMatchObject({ startsAt: '2024-01-19', status: 'scheduled' });
    // partner staff see the meetings of their own groups only
    const notHers = await call(scene, scene.fx.users.partner.token, 'get', meeting(), undefined, {}, 403);
    expect(notHers.body.code).toBe('AUTH.FORBIDDEN');
    await call(scene, scene.fx.users.partner.token, 'get', path, undefined, {}, 403);
    const list = (await call(scene, scene.pia.token, 'get', path)).body as { items: { id: string }[] };
    expect(list.items.map((item) => item.id)).toEqual([scene.meetingId]);
  });

  it('records everybody at once, guests with their organisations', async () => {
    const everybody = [
      { userId: scene.chair.id, status: 'present' },
      { userId: scene.secretary.id, status: 'present' },
      { userId: scene.pia.id, status: 'present' },
      { userId: scene.member.id, status: 'present' },
      { guestName: 'Jan Peeters', organisation: 'Buurtwerk', status: 'present' },
      { guestName: 'Els Janssens', organisation: 'Vivendo', status: 'excused' },
    ];
    const written = await write(scene, scene.secretary, 'post', meeting('/attendance'), {
      attendees: everybody,
    });
    expect(written.version).toBe(7); // scheduled + 6 attendances, in one write
    const same = await call(
      scene,
      scene.secretary.token,
      'post',
      meeting('/attendance'),
      { attendees: everybody },
      {},
      422,
    );
    expect(same.body.code).toBe('MEETING.NO_CHANGE');
    const mixed = await call(
      scene,
      scene.secretary.token,
      'post',
      meeting('/attendance'),
      { attendees: everybody, status: 'present' },
      {},
      400,
    );
    expect(mixed.body.code).toBe('REQUEST.INVALID');
    const stranger = await call(
      scene,
      scene.secretary.token,
      'post',
      meeting('/attendance'),
      { attendees: [{ userId: scene.fx.users.viewer.id, status: 'present' }] },
      {},
      422,
    );
    expect(stranger.body).toMatchObject({
      code: 'MEETING.NOT_A_MEMBER',
      details: { field: 'attendees[0].userId' },
    });
  });

  it('corrects the minutes of the meeting before the product was used, by its date and title', async () => {
    await write(scene, scene.secretary, 'post', meeting('/corrections'), {
      outsideMeeting: { date: '2023-12-08', title: 'Werkgroep dak- en thuislozen december' },
      text: 'Vivendo was verontschuldigd, niet afwezig.',
    });
    const later = await call(
      scene,
      scene.secretary.token,
      'post',
      meeting('/corrections'),
      { outsideMeeting: { date: '2024-01-20', title: 'x' }, text: 'y' },
      {},
      400,
    );
    expect(later.body).toMatchObject({ code: 'MEETING.INVALID', details: { field: 'outsideMeeting.date' } });
  });

  it('puts an action, a partner signal and a topic on the agenda, with discussion notes', async () => {
    scene.actionItemId = (
      await write(scene, scene.secretary, 'post', meeting('/agenda'), {
        kind: 'action',
        refId: scene.actionId,
      })
    ).itemId as string;
    scene.signalId = randomUUID();
    await scene.test.api.runtime.commands.signals.submit(
      {
        signalId: scene.signalId,
        partnerId: scene.fx.partnerId,
        text: 'Meer jongeren op straat na de zomer',
        urgency: 'high',
        actionIds: [scene.actionId],
      },
      { ...scene.fx.context, actorId: scene.fx.users.partner.id },
    );
    await write(scene, scene.secretary, 'post', meeting('/agenda'), {
      kind: 'signal',
      refId: scene.signalId,
    });
    scene.topicId = (
      await write(scene, scene.secretary, 'post', meeting('/agenda'), {
        kind: 'topic',
        title: 'Winteropvang',
        notes: 'Eerste versie',
      })
    ).itemId as string;
    await write(scene, scene.chair, 'post', meeting('/start'));

    const { version } = (
      await call(scene, scene.secretary.token, 'get', meeting(`?minPosition=${scene.position}`))
    ).body as { version: number };
    const notes = [
      'De winteropvang gaat open op **1 december**.',
      '',
      '- 40 bedden in de Zilverstraat',
      '- <script>alert(1)</script> wordt gewoon tekst',
    ].join('\n');
    await write(
      scene,
      scene.secretary,
      'put',
      meeting(`/agenda/${scene.topicId}/notes`),
      { notes },
      {
        'If-Match': `"${version}"`,
      },
    );
    // someone typing from the same version at the same time gets a conflict, not a silent overwrite
    const stale = await call(
      scene,
      scene.chair.token,
      'put',
      meeting(`/agenda/${scene.topicId}/notes`),
      { notes: 'iets anders' },
      { 'If-Match': `"${version}"` },
      409,
    );
    expect(stale.body.code).toBe('MEETING.VERSION_CONFLICT');
    await write(scene, scene.secretary, 'put', meeting(`/agenda/${scene.actionItemId}/notes`), {
      notes: 'Het CAW vraagt _meer_ begeleiding.',
    });
    const refused = await call(
      scene,
      scene.pia.token,
      'put',
      meeting(`/agenda/${scene.topicId}/notes`),
      { notes: 'x' },
      {},
      403,
    );
    expect(refused.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('shows the others who is typing the notes of which agenda item', async () => {
    const room = `meeting:${scene.meetingId}`;
    const typing = liveClient(scene.test.api.url, scene.chair.token);
    const watching = liveClient(scene.test.api.url, scene.member.token);
    try {
      const seen = new RoomRecorder(watching, room);
      await watching.subscribed(room);
      new RoomRecorder(typing, room);
      await typing.subscribed(room);
      typing.setEditing(room, { agendaItemId: scene.topicId, field: 'notes' });
      const hint = () =>
        seen.lastPresence()?.members.find((member) => member.userId === scene.chair.id)?.editing ?? null;
      await seen.until(() => hint() !== null, 'the notes editing hint');
      expect(hint()).toEqual({ agendaItemId: scene.topicId, field: 'notes' });
      typing.setEditing(room, null);
      await seen.until(() => hint() === null, 'the hint cleared');
    } finally {
      typing.close();
      watching.close();
    }
  });

  it('takes proposals with a source and a category', async () => {
    const propose = async (text: string, extra: object = {}) => {
      const result = await write(scene, scene.secretary, 'post', meeting('/proposals'), { text, ...extra });
      scene.proposals[text] = result.proposalId as string;
    };
    await propose('Housing First uitbreiden', { category: 'Wonen', source: 'netwerkdag 13/10' });
    await propose('Meer nachtopvang', { category: 'Opvang' });
    await propose('Kamerwonen reguleren', { category: 'Wonen' });
    await propose('Ervaringsdeskundigen betrekken');
  });

  it('holds a round with ballots: own ones (partner staff too) and ones recorded on behalf', async () => {
    const round = await write(scene, scene.chair, 'post', meeting('/rounds'), { size: 3 });
    const roundId = round.roundId as string;
    const ballots = meeting(`/rounds/${roundId}/ballots`);
    const p = scene.proposals;
    // a member who is partner staff votes for herself
    await write(scene, scene.pia, 'post', ballots, {
      proposalIds: [p['Meer nachtopvang'], p['Housing First uitbreiden']],
    });
    // but she cannot vote for someone else
    const notHers = await call(
      scene,
      scene.pia.token,
      'post',
      ballots,
      { proposalIds: [p['Meer nachtopvang']], guestName: 'Jan Peeters' },
      {},
      403,
    );
    expect(notHers.body.code).toBe('AUTH.FORBIDDEN');
    // the secretary records the guest's top and the member's
    await write(scene, scene.secretary, 'post', ballots, {
      proposalIds: [p['Housing First uitbreiden'], p['Kamerwonen reguleren'], p['Meer nachtopvang']],
      guestName: 'Jan Peeters',
    });
    await write(scene, scene.secretary, 'post', ballots, {
      proposalIds: [p['Ervaringsdeskundigen betrekken']],
      voterId: scene.member.id,
    });
    // an excused guest has no vote
    const excused = await call(
      scene,
      scene.secretary.token,
      'post',
      ballots,
      { proposalIds: [p['Meer nachtopvang']], guestName: 'Els Janssens' },
      {},
      422,
    );
    expect(excused.body.code).toBe('MEETING.NOT_PRESENT');
    // the member casts her own: it replaces the one recorded for her
    await write(scene, scene.member, 'post', ballots, {
      proposalIds: [p['Housing First uitbreiden'], p['Ervaringsdeskundigen betrekken']],
    });
    await write(scene, scene.chair, 'post', ballots, { proposalIds: [p['Kamerwonen reguleren']] });
    const live = (await call(scene, scene.chair.token, 'get', meeting(`?minPosition=${scene.position}`)))
      .body as {
      rounds: { voters: { name: string; recordedBy: { name: string } | null }[]; method: string }[];
    };
    expect(live.rounds[0]).toMatchObject({
      method: 'ballots',
      voters: [
        { name: 'Pia Partner', recordedBy: null },
        { name: 'Jan Peeters', recordedBy: { name: 'Sara Secretaris' } },
        { name: 'member of realmeeting', recordedBy: null },
        { name: 'Chris Voorzitter', recordedBy: null },
      ],
    });
    // a tally cannot be mixed into a round with ballots
    const mixed = await call(
      scene,
      scene.secretary.token,
      'post',
      meeting(`/rounds/${roundId}/tally`),
      { scores: [], voters: 3 },
      {},
      409,
    );
    expect(mixed.body.code).toBe('MEETING.ROUND_METHOD_CONFLICT');
    await write(scene, scene.chair, 'post', meeting(`/rounds/${roundId}/close`));
  });

  it('holds a round on paper: the secretary enters the tally', async () => {
    const round = await write(scene, scene.chair, 'post', meeting('/rounds'), { size: 3 });
    const roundId = round.roundId as string;
    const p = scene.proposals;
    const tally = meeting(`/rounds/${roundId}/tally`);
    const notChair = await call(scene, scene.pia.token, 'post', tally, { scores: [], voters: 1 }, {}, 403);
    expect(notChair.body.code).toBe('AUTH.FORBIDDEN');
    const impossible = await call(
      scene,
      scene.secretary.token,
      'post',
      tally,
      { scores: [{ proposalId: p['Meer nachtopvang'], points: 16 }], voters: 5 },
      {},
      400,
    );
    expect(impossible.body).toMatchObject({
      code: 'MEETING.INVALID',
      details: { field: 'scores[0].points' },
    });
    await write(scene, scene.secretary, 'post', tally, {
      scores: [
        { proposalId: p['Meer nachtopvang'], points: 12 },
        { proposalId: p['Housing First uitbreiden'], points: 12 },
        { proposalId: p['Ervaringsdeskundigen betrekken'], points: 6 },
      ],
      voters: 5,
    });
    const ballot = await call(
      scene,
      scene.chair.token,
      'post',
      meeting(`/rounds/${roundId}/ballots`),
      { proposalIds: [p['Meer nachtopvang']] },
      {},
      409,
    );
    expect(ballot.body.code).toBe('MEETING.ROUND_METHOD_CONFLICT');
    await write(scene, scene.secretary, 'post', meeting(`/rounds/${roundId}/close`));
    await write(scene, scene.chair, 'post', meeting('/end'));
  });

  const expectedMinutes = [
    '# Verslag: Werkgroep dak- en thuislozen januari',
    '',
    '- Werkgroep: Dak- en thuislozen',
    '- Datum: 19/01/2024',
    '- Status: afgelopen',
    '',
    '## Aanwezig',
    '',
    '- Chris Voorzitter (OCMW)',
    '- Sara Secretaris (CAW)',
    '- Pia Partner (OCMW)',
    '- member of realmeeting',
    '- Jan Peeters (Buurtwerk), gast',
    '',
    '## Verontschuldigd',
    '',
    '- Els Janssens (Vivendo), gast',
    '',
    '## Correcties op vorige verslagen',
    '',
    '- Verslag van 08/12/2023 (Werkgroep dak- en thuislozen december, buiten het platform): Vivendo was verontschuldigd, niet afwezig.',
    '',
    '## Agenda',
    '',
    '### 1. 3.1.1 Actie 1 (actie)',
    '',
    'Het CAW vraagt _meer_ begeleiding.',
    '',
    '### 2. Meer jongeren op straat na de zomer (signaal)',
    '',
    'Signaal van CAW (urgentie hoog), over actie 3.1.1',
    '',
    '### 3. Winteropvang (onderwerp)',
    '',
    'De winteropvang gaat open op **1 december**.',
    '',
    '- 40 bedden in de Zilverstraat',
    '- <script>alert(1)</script> wordt gewoon tekst',
    '',
    '## Beslissingen',
    '',
    'Geen.',
    '',
    '## Voorstellen',
    '',
    '### Wonen',
    '',
    '- Housing First uitbreiden (bron: netwerkdag 13/10)',
    '- Kamerwonen reguleren',
    '',
    '### Opvang',
    '',
    '- Meer nachtopvang',
    '',
    '### Zonder categorie',
    '',
    '- Ervaringsdeskundigen betrekken',
    '',
    '## Prioritering',
    '',
    '### Ronde 1: top 3 met rangorde, 4 stemmen, waarvan 1 genoteerd door voorzitter of secretaris',
    '',
    '| Plaats | Voorstel | Punten |',
    '| --- | --- | --- |',
    '| 1 | Housing First uitbreiden | 8 |',
    '| 2 | Kamerwonen reguleren | 5 |',
    '| 3 | Meer nachtopvang | 4 |',
    '| 4 | Ervaringsdeskundigen betrekken | 2 |',
    '',
    '### Ronde 2: top 3 met rangorde, op papier, telling van 5 stemmers',
    '',
    '| Plaats | Voorstel | Punten |',
    '| --- | --- | --- |',
    '| 1 | Housing First uitbreiden | 12 |',
    '| 1 | Meer nachtopvang | 12 |',
    '| 3 | Ervaringsdeskundigen betrekken | 6 |',
    '| 4 | Kamerwonen reguleren | 0 |',
    '',
    'Gelijke scores delen een plaats; bij gelijkstand volgt de volgorde waarin de voorstellen ingediend werden.',
    '',
    '## Volgende stappen',
    '',
    'Geen.',
    '',
  ];

  it('writes the minutes: date alone, guests, outside correction, signal, notes, both rounds, grouped proposals', async () => {
    const response = await call(
      scene,
      scene.pia.token,
      'get',
      meeting(`/minutes?minPosition=${scene.position}`),
    );
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.text.split('\n')).toEqual(expectedMinutes);

    const en = (await call(scene, scene.pia.token, 'get', meeting('/minutes?lang=en'))).text.split('\n');
    expect(en).toEqual(
      expect.arrayContaining([
        '- Date: 2024-01-19',
        '- Minutes of 2023-12-08 (Werkgroep dak- en thuislozen december, outside the platform): Vivendo was verontschuldigd, niet afwezig.',
        'Signal from CAW (urgency high), concerning action 3.1.1',
        '### Round 1: ranked top 3, 4 ballots, 1 recorded by the chair or secretary',
        '### Round 2: ranked top 3, on paper, tally of 5 voters',
        '### Without category',
        '- Housing First uitbreiden (source: netwerkdag 13/10)',
      ]),
    );
  });

  it('renders the notes as HTML with what people typed escaped', async () => {
    const html = (await call(scene, scene.pia.token, 'get', meeting('/minutes?format=html'))).text;
    expect(html).toContain(
      '<h3>3. Winteropvang (onderwerp)</h3>\n<div class="notes">\n<p>De winteropvang gaat open op <strong>1 december</strong>.</p>\n<ul>\n<li>40 bedden in de Zilverstraat</li>\n<li>&lt;script&gt;alert(1)&lt;/script&gt; wordt gewoon tekst</li>\n</ul>\n</div>',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>Signaal van CAW (urgentie hoog), over actie 3.1.1</p>');
    expect(html).toContain('<h3>Ronde 2: top 3 met rangorde, op papier, telling van 5 stemmers</h3>');
  });

  it('renders the minutes as a PDF with the same lines, in Dutch and in English', async () => {
    const response = await call(scene, scene.pia.token, 'get', meeting('/minutes?format=pdf'));
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-minutes-revision']).toMatch(/^\d+$/);
    const body = response.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = await pdfLines(body);
    // every line of the Markdown, without its markup, in the same order; a bullet starts the line of its item
    expect(lines).toEqual(
      expect.arrayContaining([
        '• Chris Voorzitter (OCMW)',
        '• 40 bedden in de Zilverstraat',
        '1 Meer nachtopvang 12',
      ]),
    );
    const expected = expectedMinutes
      .filter((text) => text !== '' && !/^\| ---/.test(text))
      .map((text) =>
        text
          .replace(/^#+ /, '')
          .replace(/^- /, '')
          .replace(/\*\*|_/g, '')
          .replace(/^\| (.*) \|$/, (_all, cells: string) => cells.split(' | ').join(' '))
          .replace(/\s+/g, ' '),
      );
    expect(expected.length).toBe(49);
    expect(missingInOrder(lines, expected)).toEqual([]);

    const en = await pdfLines(
      (await call(scene, scene.pia.token, 'get', meeting('/minutes?format=pdf&lang=en'))).body as Buffer,
    );
    expect(
      missingInOrder(en, [
        'Minutes: Werkgroep dak- en thuislozen januari',
        'Date: 2024-01-19',
        'Signal from CAW (urgency high), concerning action 3.1.1',
        'Round 2: ranked top 3, on paper, tally of 5 voters',
      ]),
    ).toEqual([]);
  });
});
