import { liveClient, RoomRecorder } from '../support/live.js';
import { randomUUID } from 'node:crypto';
import {
  PASSWORD,
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * One working-group meeting over REST with three members: attendance, live edits tagged with the meeting
 * (X-Meeting-Id), a conflicting edit (409), a top-5 round, a signal on the agenda, a correction to the
 * previous minutes, and the generated minutes asserted line by line. The flow is one describe whose steps
 * share `scene`, so the live (socket) half can join the same steps.
 */

export interface Member {
  id: string;
  name: string;
  token: string;
}

export interface MeetingScene {
  test: TestApi;
  fx: TenantFixture;
  groupId: string;
  coordinator: Member;
  /** the three members of the group: the seeded member, An and Bart */
  members: [Member, Member, Member];
  actionId: string;
  earlierMeetingId: string;
  meetingId: string;
  /** the partner's signal put on the agenda */
  signalId: string;
  /** the last write's position, for `minPosition` */
  position: string;
}

export interface Write {
  id: string;
  version: number;
  position: string;
  [extra: string]: unknown;
}

/** a REST call as one user; `expect` is the status it must answer */
export async function call(
  scene: Pick<MeetingScene, 'test'>,
  token: string,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body?: object,
  headers: Record<string, string> = {},
  expect = method === 'get' ? 200 : [200, 201],
) {
  const request = scene.test.http[method](path).set(bearer(token)).set(headers);
  const response = body ? await request.send(body) : await request;
  const ok = Array.isArray(expect) ? expect.includes(response.status) : response.status === expect;
  if (!ok)
    throw new Error(`${method.toUpperCase()} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** a write that must succeed; remembers its position */
export async function write(
  scene: MeetingScene,
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

/** creates a member user (with an organisation) and adds her to the group */
export async function addMember(
  test: TestApi,
  fx: TenantFixture,
  groupId: string,
  name: string,
  partnerId: string,
): Promise<Member> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@${fx.tenantId}.test`;
  const coordinator = fx.users.coordinator.token;
  const user = (
    await call({ test }, coordinator, 'post', '/api/users', {
      email,
      name,
      role: 'member',
      partnerId,
      password: PASSWORD,
    })
  ).body as Write;
  await call({ test }, coordinator, 'post', `/api/working-groups/${groupId}/members`, { userId: user.id });
  return { id: user.id, name, token: await login(test, email) };
}

const scene = {} as MeetingScene;
const M0_AT = '2024-02-06T14:00:00+01:00';
const M1_AT = '2024-03-05T14:00:00+01:00';

beforeAll(async () => {
  scene.test = await startTestApi();
  scene.fx = await seedTenant(scene.test, 'meeting');
  const { fx, test } = scene;
  scene.groupId = fx.workingGroupId;
  scene.coordinator = {
    id: fx.users.coordinator.id,
    name: 'coordinator of meeting',
    token: fx.users.coordinator.token,
  };
  const seeded: Member = { id: fx.users.member.id, name: 'member of meeting', token: fx.users.member.token };
  const an = await addMember(test, fx, scene.groupId, 'An Peeters', fx.partnerId);
  const bart = await addMember(test, fx, scene.groupId, 'Bart Claes', fx.otherPartnerId);
  scene.members = [seeded, an, bart];
  scene.actionId = await fx.newAction(); // 3.1.1 "Actie 1", led by CAW, in the group's theme
});

afterAll(async () => {
  await scene.test?.close();
});

describe('a working-group meeting over REST', () => {
  const member = (): Member => scene.members[0];
  const an = (): Member => scene.members[1];
  const bart = (): Member => scene.members[2];
  const meeting = (suffix = '') => `/api/meetings/${scene.meetingId}${suffix}`;
  const inMeeting = () => ({ 'X-Meeting-Id': scene.meetingId });

  it('holds an earlier meeting whose minutes will be corrected', async () => {
    const scheduled = await write(
      scene,
      scene.coordinator,
      'post',
      `/api/working-groups/${scene.groupId}/meetings`,
      {
        title: 'Werkgroep dak- en thuislozen februari',
        startsAt: M0_AT,
      },
    );
    scene.earlierMeetingId = scheduled.id;
    const path = `/api/meetings/${scene.earlierMeetingId}`;
    await write(scene, scene.coordinator, 'post', `${path}/start`);
    await write(scene, member(), 'post', `${path}/attendance`, { userId: member().id, status: 'present' });
    await write(scene, member(), 'post', `${path}/attendance`, { userId: bart().id, status: 'absent' });
    await write(scene, member(), 'post', `${path}/end`);
  });

  it('is scheduled by a member, with its agenda and attendance', async () => {
    const scheduled = await write(scene, member(), 'post', `/api/working-groups/${scene.groupId}/meetings`, {
      title: 'Werkgroep dak- en thuislozen maart',
      startsAt: M1_AT,
      location: 'Stadhuis, zaal 2',
    });
    expect(scheduled.version).toBe(1);
    scene.meetingId = scheduled.id;
    for (const who of [member(), an(), bart()])
      await write(scene, member(), 'post', meeting('/attendance'), { userId: who.id, status: 'present' });
    await write(scene, an(), 'post', meeting('/attendance'), {
      guestName: 'Jan Peeters',
      organisation: 'Buurtwerk',
      status: 'present',
    });
    await write(scene, an(), 'post', meeting('/attendance'), {
      guestName: 'Els Janssens',
      organisation: 'Vivendo',
      status: 'excused',
    });
    // the coordinator is no member of the group: no attendance of hers
    const refused = await call(
      scene,
      member().token,
      'post',
      meeting('/attendance'),
      { userId: scene.coordinator.id, status: 'present' },
      {},
      422,
    );
    expect(refused.body.code).toBe('MEETING.NOT_A_MEMBER');

    await write(scene, member(), 'post', meeting('/agenda'), { kind: 'action', refId: scene.actionId });
    // a partner's signal about the action goes on the agenda: the signal itself is then on this meeting's agenda
    scene.signalId = randomUUID();
    await scene.test.api.runtime.commands.signals.submit(
      {
        signalId: scene.signalId,
        partnerId: scene.fx.partnerId,
        text: 'Meer uithuiszettingen door de huisvestingsmaatschappij',
        urgency: 'high',
        actionIds: [scene.actionId],
      },
      { ...scene.fx.context, actorId: scene.fx.users.partner.id },
    );
    await write(scene, member(), 'post', meeting('/agenda'), { kind: 'signal', refId: scene.signalId });
    const signal = await scene.test.api.runtime.commands.signals.find(scene.fx.tenantId, scene.signalId);
    expect(signal).toMatchObject({ status: 'on_agenda', meetingIds: [scene.meetingId] });
    const twice = await call(
      scene,
      an().token,
      'post',
      meeting('/agenda'),
      { kind: 'signal', refId: scene.signalId },
      {},
      409,
    );
    expect(twice.body.code).toBe('MEETING.ALREADY_ON_AGENDA');
    const noSignal = await call(
      scene,
      an().token,
      'post',
      meeting('/agenda'),
      { kind: 'signal', refId: randomUUID() },
      {},
      422,
    );
    expect(noSignal.body.code).toBe('SIGNAL.UNKNOWN');
    await write(scene, member(), 'post', meeting('/agenda'), { kind: 'topic', title: 'Rondvraag' });
    await write(scene, bart(), 'post', meeting('/corrections'), {
      correctsMeetingId: scene.earlierMeetingId,
      text: 'Bart Claes was verontschuldigd, niet afwezig.',
    });
    // a correction is to an earlier, ended meeting of the group
    const unknown = await call(
      scene,
      bart().token,
      'post',
      meeting('/corrections'),
      { correctsMeetingId: randomUUID(), text: 'x' },
      {},
      422,
    );
    expect(unknown.body).toMatchObject({ code: 'MEETING.UNKNOWN', details: { field: 'correctsMeetingId' } });
    const itself = await call(
      scene,
      bart().token,
      'post',
      meeting('/corrections'),
      { correctsMeetingId: scene.meetingId, text: 'x' },
      {},
      422,
    );
    expect(itself.body).toMatchObject({
      code: 'MEETING.CORRECTION_TARGET_INVALID',
      details: { status: 'scheduled' },
    });
    const invalid = await call(scene, bart().token, 'post', meeting('/agenda'), { kind: 'topic' }, {}, 400);
    expect(invalid.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', details: [{ field: 'title' }] });
    // someone outside the group, and a partner, may not change the meeting
    const outsider = await call(scene, scene.fx.users.outsider.token, 'post', meeting('/start'), {}, {}, 403);
    expect(outsider.body.code).toBe('AUTH.FORBIDDEN');
    await call(scene, scene.fx.users.partner.token, 'get', meeting(), undefined, {}, 403);
  });

  it('refuses edits tagged with a meeting that is not open', async () => {
    const notOpen = await call(
      scene,
      an().token,
      'post',
      `/api/actions/${scene.actionId}/status`,
      { status: 'in_progress' },
      inMeeting(),
      422,
    );
    expect(notOpen.body).toMatchObject({ code: 'MEETING.NOT_OPEN', details: { status: 'scheduled' } });
    await write(scene, member(), 'post', meeting('/start'));
    const ended = await call(
      scene,
      an().token,
      'post',
      `/api/actions/${scene.actionId}/status`,
      { status: 'in_progress' },
      { 'X-Meeting-Id': scene.earlierMeetingId },
      422,
    );
    expect(ended.body.code).toBe('MEETING.NOT_OPEN');
    const foreign = await scene.fx.newForeignAction();
    const outOfScope = await call(
      scene,
      scene.coordinator.token,
      'post',
      `/api/actions/${foreign}/notes`,
      { text: 'x' },
      inMeeting(),
      422,
    );
    expect(outOfScope.body.code).toBe('MEETING.ACTION_NOT_IN_SCOPE');
    const unknown = await call(
      scene,
      an().token,
      'post',
      `/api/actions/${scene.actionId}/notes`,
      { text: 'x' },
      { 'X-Meeting-Id': randomUUID() },
      422,
    );
    expect(unknown.body.code).toBe('MEETING.UNKNOWN');
  });

  it('tags the live edits with the meeting; a conflicting edit gets the 409 path', async () => {
    const action = `/api/actions/${scene.actionId}`;
    // the three members follow the meeting live (docs/realtime.md), each on her own socket
    const watchers = scene.members.map(
      (who) => new RoomRecorder(liveClient(scene.test.api.url, who.token), `meeting:${scene.meetingId}`),
    );
    await Promise.all(watchers.map((watcher) => watcher.client.subscribed(watcher.room)));
    await watchers[0]!.until(
      () => watchers[0]!.lastPresence()?.members.length === 3,
      'all three members in the meeting room',
    );
    watchers[1]!.client.setEditing(watchers[1]!.room, { actionId: scene.actionId, field: 'dueDate' });
    await watchers[2]!.until(
      () =>
        watchers[2]!
          .lastPresence()
          ?.members.some((present) => present.userId === an().id && present.editing?.field === 'dueDate') ??
        false,
      "An's editing hint",
    );
    const start = (await call(scene, member().token, 'get', action)).body as { version: number };
    const status = await write(
      scene,
      member(),
      'post',
      `${action}/status`,
      { status: 'in_progress' },
      {
        ...inMeeting(),
        'If-Match': `"${start.version}"`,
      },
    );
    const owner = await write(
      scene,
      an(),
      'put',
      `${action}/owner`,
      { ownerId: scene.fx.otherPartnerId },
      {
        ...inMeeting(),
        'If-Match': `"${status.version}"`,
      },
    );
    // An and Bart both move the due date from the same version: Bart's edit is refused, not lost silently
    await write(
      scene,
      an(),
      'put',
      `${action}/due-date`,
      { dueDate: '2024-06-30' },
      {
        ...inMeeting(),
        'If-Match': `"${owner.version}"`,
      },
    );
    const conflict = await call(
      scene,
      bart().token,
      'put',
      `${action}/due-date`,
      { dueDate: '2024-09-30' },
      { ...inMeeting(), 'If-Match': `"${owner.version}"` },
      409,
    );
    expect(conflict.body).toMatchObject({
      code: 'ACTION.VERSION_CONFLICT',
      details: {
        expectedVersion: owner.version,
        currentVersion: owner.version + 1,
        missedEvents: [{ type: 'ActionDueDateChanged', meetingId: scene.meetingId }],
      },
    });
    await write(
      scene,
      bart(),
      'post',
      `${action}/notes`,
      { text: 'Eerste woningen toegewezen.' },
      inMeeting(),
    );

    // everyone in the room saw each edit appear, tagged with the meeting, in order; the refused one never
    const edits = (watcher: RoomRecorder) =>
      watcher.events
        .filter((event) => event.streamId === `action-${scene.actionId}`)
        .map((event) => [event.type, event.metadata.meetingId]);
    for (const watcher of watchers) {
      await watcher.until(() => edits(watcher).length >= 4, 'the four live edits');
      expect(edits(watcher)).toEqual([
        ['ActionStatusChanged', scene.meetingId],
        ['ActionOwnerChanged', scene.meetingId],
        ['ActionDueDateChanged', scene.meetingId],
        ['ActionNoteAdded', scene.meetingId],
      ]);
      expect(
        watcher.events.every((event) => event.summary.nl.length > 0 && event.summary.en.length > 0),
      ).toBe(true);
      watcher.client.close();
    }

    const history = (
      await call(scene, member().token, 'get', `${action}/history?minPosition=${scene.position}`)
    ).body as { items: { type: string; meetingId: string | null }[] };
    // the action's own events made in the meeting (the signal's events on it are the signals' business)
    const madeInMeeting = history.items.filter(
      (item) => item.meetingId === scene.meetingId && item.type.startsWith('Action'),
    );
    expect(madeInMeeting.map((item) => item.type)).toEqual([
      'ActionStatusChanged',
      'ActionOwnerChanged',
      'ActionDueDateChanged',
      'ActionNoteAdded',
    ]);
  });

  it('ranks the proposals of a top-5 round live, replaces a resubmitted ballot, and records the final ranking', async () => {
    const texts = [
      'Sectoroverschrijdend werken',
      "Kader voor kamers & studio's",
      'Outreach uitbreiden',
      'Meer nachtopvang',
      'Schuldhulp vroeger',
      'Ervaringsdeskundigen betrekken',
    ];
    const ids: string[] = [];
    for (const [index, text] of texts.entries()) {
      const proposer = scene.members[index % 3]!;
      ids.push((await write(scene, proposer, 'post', meeting('/proposals'), { text })).proposalId as string);
    }
    const round = (await write(scene, member(), 'post', meeting('/rounds'), {})).roundId as string;
    const ballot = (who: Member, picks: number[]) =>
      write(scene, who, 'post', meeting(`/rounds/${round}/ballots`), {
        proposalIds: picks.map((i) => ids[i]!),
      });
    await ballot(member(), [0, 1, 2, 3, 4]); // 5, 4, 3, 2, 1 points
    await ballot(an(), [1, 0, 5, 2]); // 5, 4, 3, 2
    await ballot(bart(), [3]);
    await ballot(bart(), [2, 5]); // replaces Bart's first ballot: 5, 4

    // a top of six is refused; the coordinator (no member) submits nothing
    const tooLong = await call(
      scene,
      an().token,
      'post',
      meeting(`/rounds/${round}/ballots`),
      { proposalIds: ids },
      {},
      400,
    );
    expect(tooLong.body.code).toBe('MEETING.INVALID');
    await call(
      scene,
      scene.coordinator.token,
      'post',
      meeting(`/rounds/${round}/ballots`),
      { proposalIds: [ids[0]] },
      {},
      403,
    );

    const live = (await call(scene, member().token, 'get', meeting(`?minPosition=${scene.position}`)))
      .body as {
      rounds: {
        open: boolean;
        voters: { name: string }[];
        ranking: { text: string; score: number; rank: number }[];
      }[];
    };
    const expected = [
      { text: 'Outreach uitbreiden', score: 10, rank: 1 },
      { text: 'Sectoroverschrijdend werken', score: 9, rank: 2 },
      { text: "Kader voor kamers & studio's", score: 9, rank: 2 },
      { text: 'Ervaringsdeskundigen betrekken', score: 7, rank: 4 },
      { text: 'Meer nachtopvang', score: 2, rank: 5 },
      { text: 'Schuldhulp vroeger', score: 1, rank: 6 },
    ];
    expect(live.rounds[0]).toMatchObject({
      open: true,
      voters: [{ name: 'member of meeting' }, { name: 'An Peeters' }, { name: 'Bart Claes' }],
    });
    expect(live.rounds[0]!.ranking.map(({ text, score, rank }) => ({ text, score, rank }))).toEqual(expected);

    await write(scene, an(), 'post', meeting(`/rounds/${round}/close`));
    const closed = (await call(scene, member().token, 'get', meeting(`?minPosition=${scene.position}`)))
      .body as typeof live;
    expect(closed.rounds[0]!.open).toBe(false);
    expect(closed.rounds[0]!.ranking.map(({ text, score, rank }) => ({ text, score, rank }))).toEqual(
      expected,
    );
  });

  it('records decisions and next steps, and ends', async () => {
    const detail = (await call(scene, member().token, 'get', meeting(`?minPosition=${scene.position}`)))
      .body as {
      agenda: { itemId: string; kind: string }[];
    };
    const actionItem = detail.agenda.find((item) => item.kind === 'action')!;
    await write(scene, member(), 'post', meeting('/decisions'), {
      text: 'Housing First krijgt voorrang.',
      agendaItemId: actionItem.itemId,
    });
    await write(scene, an(), 'post', meeting('/decisions'), {
      text: 'Volgende vergadering beslissen we welke acties in het memorandum komen.',
      actionIds: [scene.actionId],
    });
    await write(scene, bart(), 'post', meeting('/next-steps'), {
      text: 'Kader uitschrijven',
      ownerUserId: an().id,
      dueDate: '2024-04-30',
      actionId: scene.actionId,
    });
    await write(scene, bart(), 'post', meeting('/next-steps'), {
      text: 'Cijfers opvragen',
      ownerPartnerId: scene.fx.otherPartnerId,
    });
    await write(scene, member(), 'post', meeting('/end'));
    const again = await call(
      scene,
      member().token,
      'post',
      meeting('/decisions'),
      { text: 'te laat' },
      {},
      422,
    );
    expect(again.body.code).toBe('MEETING.CLOSED');
  });

  it('generates the minutes from the events, in Dutch', async () => {
    const response = await call(scene, an().token, 'get', meeting(`/minutes?minPosition=${scene.position}`));
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.text.split('\n')).toEqual([
      '# Verslag: Werkgroep dak- en thuislozen maart',
      '',
      '- Werkgroep: Dak- en thuislozen',
      '- Datum: 05/03/2024 14:00',
      '- Plaats: Stadhuis, zaal 2',
      '- Status: afgelopen',
      '',
      '## Aanwezig',
      '',
      '- member of meeting',
      '- An Peeters (CAW)',
      '- Bart Claes (OCMW)',
      '- Jan Peeters (Buurtwerk), gast',
      '',
      '## Verontschuldigd',
      '',
      '- Els Janssens (Vivendo), gast',
      '',
      '## Correcties op vorige verslagen',
      '',
      '- Verslag van 06/02/2024 14:00 (Werkgroep dak- en thuislozen februari): Bart Claes was verontschuldigd, niet afwezig.',
      '',
      '## Agenda',
      '',
      '### 1. 3.1.1 Actie 1 (actie)',
      '',
      '- Status: niet gestart → lopend',
      '- Trekker: CAW → OCMW',
      '- Einddatum: geen → 30/06/2024',
      '- Notitie: Eerste woningen toegewezen.',
      '- Beslissing: Housing First krijgt voorrang.',
      '',
      '### 2. Meer uithuiszettingen door de huisvestingsmaatschappij (signaal)',
      '',
      'Signaal van CAW (urgentie hoog), over actie 3.1.1',
      '',
      '### 3. Rondvraag (onderwerp)',
      '',
      '## Beslissingen',
      '',
      '- Volgende vergadering beslissen we welke acties in het memorandum komen. (acties 3.1.1)',
      '',
      '## Voorstellen',
      '',
      '- Sectoroverschrijdend werken',
      "- Kader voor kamers & studio's",
      '- Outreach uitbreiden',
      '- Meer nachtopvang',
      '- Schuldhulp vroeger',
      '- Ervaringsdeskundigen betrekken',
      '',
      '## Prioritering',
      '',
      '### Ronde 1: top 5 met rangorde, 3 stemmen',
      '',
      '| Plaats | Voorstel | Punten |',
      '| --- | --- | --- |',
      '| 1 | Outreach uitbreiden | 10 |',
      '| 2 | Sectoroverschrijdend werken | 9 |',
      "| 2 | Kader voor kamers & studio's | 9 |",
      '| 4 | Ervaringsdeskundigen betrekken | 7 |',
      '| 5 | Meer nachtopvang | 2 |',
      '| 6 | Schuldhulp vroeger | 1 |',
      '',
      'Gelijke scores delen een plaats; bij gelijkstand volgt de volgorde waarin de voorstellen ingediend werden.',
      '',
      '## Volgende stappen',
      '',
      '- Kader uitschrijven: An Peeters, tegen 30/04/2024 (actie 3.1.1)',
      '- Cijfers opvragen: OCMW',
      '',
    ]);
  });

  it('renders English and printable, escaped HTML on request', async () => {
    const en = (await call(scene, an().token, 'get', meeting('/minutes?lang=en'))).text.split('\n');
    expect(en).toEqual(
      expect.arrayContaining([
        '# Minutes: Werkgroep dak- en thuislozen maart',
        '- Date: 2024-03-05 14:00',
        '- Status: ended',
        '- Status: not started → in progress',
        '- Lead: CAW → OCMW',
        '- Due date: none → 2024-06-30',
        '### Round 1: ranked top 5, 3 ballots',
        '- Kader uitschrijven: An Peeters, by 2024-04-30 (action 3.1.1)',
      ]),
    );
    const html = await call(scene, an().token, 'get', meeting('/minutes?format=html'));
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('<html lang="nl">');
    expect(html.text).toContain('@media print');
    expect(html.text).toContain('<td>Kader voor kamers &amp; studio&#39;s</td>');
    expect(html.text).not.toContain("kamers & studio's");
    const bad = await call(scene, an().token, 'get', meeting('/minutes?format=docx'), undefined, {}, 400);
    expect(bad.body.code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it("updates the earlier meeting's minutes with the correction, and its history shows it", async () => {
    const earlier = `/api/meetings/${scene.earlierMeetingId}`;
    const minutes = (await call(scene, member().token, 'get', `${earlier}/minutes`)).text.split('\n');
    expect(minutes.slice(minutes.indexOf('## Later gecorrigeerd'))).toEqual([
      '## Later gecorrigeerd',
      '',
      '- Op de vergadering van 05/03/2024 14:00 (Werkgroep dak- en thuislozen maart): Bart Claes was verontschuldigd, niet afwezig.',
      '',
    ]);
    const revisions = (await call(scene, member().token, 'get', `${earlier}/minutes/revisions`)).body as {
      items: { revision: number; eventType: string; sourceMeetingId: string }[];
    };
    const last = revisions.items.at(-1)!;
    expect(last).toMatchObject({ eventType: 'MeetingMinutesCorrected', sourceMeetingId: scene.meetingId });
    expect(revisions.items.map((item) => item.revision)).toEqual(
      revisions.items.map((_, index) => index + 1),
    );
    // the revision before the correction is still there, without it
    const before = (
      await call(scene, member().token, 'get', `${earlier}/minutes?revision=${last.revision - 1}`)
    ).text;
    expect(before).not.toContain('Later gecorrigeerd');
    expect(before).toContain('- Bart Claes (OCMW)');
  });

  it('lists the meetings of the group, latest first', async () => {
    const list = (await call(scene, member().token, 'get', `/api/working-groups/${scene.groupId}/meetings`))
      .body as {
      items: { id: string; status: string }[];
    };
    expect(list.items.map((item) => [item.id, item.status])).toEqual([
      [scene.meetingId, 'ended'],
      [scene.earlierMeetingId, 'ended'],
    ]);
  });
});
