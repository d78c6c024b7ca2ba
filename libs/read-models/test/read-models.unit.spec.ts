import { describe, expect, it } from '@jest/globals';
import { naturalSortKey, type DomainEvent } from '#domain';
import { START, toPosition, type StoredEvent } from '#event-store';
import {
  ACTIONS_TABLE,
  ACTION_SECTIONS_TABLE,
  HISTORY_NAMES_TABLE,
  RowSet,
  actionFilterSql,
  applyToActionList,
  applyToHistory,
  applyToPlanTree,
  buildTree,
  lowestPosition,
  newPlanTreeState,
  toRunnerLogger,
  type ActionRow,
  type ActionSectionRow,
  type HistoryNameRow,
} from '#read-models';
import { Wakeup } from '../src/projection/wakeup.js';

let seq = 0;
function stored(event: DomainEvent, streamVersion = 1, tenantId = 't1'): StoredEvent {
  seq++;
  return {
    id: `e${seq}`,
    streamId: 's',
    version: streamVersion,
    position: toPosition(1000, seq),
    type: event.type,
    data: event.data,
    metadata: {
      actorId: 'u1',
      tenantId,
      correlationId: 'c',
      causationId: null,
      occurredAt: `2026-01-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    },
    recordedAt: '2026-01-01T10:00:00.000Z',
  };
}

describe('positions', () => {
  it('the lowest of no positions is the start', () => {
    expect(lowestPosition([])).toBe(START);
    expect(lowestPosition([toPosition(2, 1), toPosition(1, 9)])).toBe(toPosition(1, 9));
  });
});

describe('action list fold', () => {
  it('files actions under their theme through goals at any depth and folds every change', () => {
    const sections = new RowSet<ActionSectionRow>(ACTION_SECTIONS_TABLE, ['tenant_id', 'id']);
    const actions = new RowSet<ActionRow>(ACTIONS_TABLE, ['tenant_id', 'id']);
    const apply = (event: DomainEvent, version = 1) =>
      applyToActionList(sections, actions, stored(event, version));
    apply({
      type: 'ThemeAdded',
      data: { planId: 'p', themeId: 'th', code: '1', title: 'T', leadPartnerId: null },
    });
    apply({ type: 'GoalAdded', data: { planId: 'p', goalId: 'g', parentId: 'th', code: '1.1', title: 'G' } });
    apply({
      type: 'GoalAdded',
      data: { planId: 'p', goalId: 'g2', parentId: 'g', code: '1.1.1', title: 'G2' },
    });
    apply({
      type: 'ActionAdded',
      data: {
        actionId: 'a',
        planId: 'p',
        goalId: 'g2',
        code: '1.1.1.1',
        title: 'A',
        description: 'd',
        tags: ['x'],
        citizenIdea: true,
      },
    });
    apply({ type: 'ActionPartnerAdded', data: { actionId: 'a', partnerId: 'p1' } }, 2);
    apply({ type: 'ActionPartnerAdded', data: { actionId: 'a', partnerId: 'p2' } }, 3);
    apply({ type: 'ActionPartnerRemoved', data: { actionId: 'a', partnerId: 'p1' } }, 4);
    apply(
      {
        type: 'ActionSignalRecorded',
        data: { actionId: 'a', signalId: 's', partnerId: null, source: 'x', text: 't', urgency: 'high' },
      },
      5,
    );
    apply(
      { type: 'ActionNoteAdded', data: { actionId: 'a', noteId: 'n', text: 't', correctsNoteId: null } },
      6,
    );
    apply(
      {
        type: 'ActionStatusChanged',
        data: { actionId: 'a', from: 'not_started', to: 'in_progress', reason: null },
      },
      7,
    );
    apply({ type: 'ActionProgressReported', data: { actionId: 'a', from: null, to: 30, comment: null } }, 8);
    apply({ type: 'ActionDueDateChanged', data: { actionId: 'a', from: null, to: '2026-05-01' } }, 9);
    apply({ type: 'ActionOwnerChanged', data: { actionId: 'a', from: null, to: 'p3' } }, 10);
    apply({ type: 'ActionTagsChanged', data: { actionId: 'a', from: ['x'], to: ['y', 'z'] } }, 11);
    apply({ type: 'ActionArchived', data: { actionId: 'a', reason: 'r' } }, 12);
    // an event of an unknown action changes nothing
    apply({ type: 'ActionTitleChanged', data: { actionId: 'ghost', from: 'a', to: 'b' } }, 2);
    const rows = actions.changedRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenant_id: 't1',
      id: 'a',
      theme_id: 'th',
      goal_id: 'g2',
      goal_path: ['th', 'g', 'g2'],
      partner_ids: ['p2'],
      signal_count: 1,
      note_count: 1,
      status: 'in_progress',
      progress: 30,
      due_date: '2026-05-01',
      owner_id: 'p3',
      tags: ['y', 'z'],
      archived: true,
      citizen_idea: true,
      version: 12,
      sort_key: naturalSortKey('1.1.1.1'),
    });
  });

  it('keeps tenants apart even with equal ids', () => {
    const sections = new RowSet<ActionSectionRow>(ACTION_SECTIONS_TABLE, ['tenant_id', 'id']);
    const actions = new RowSet<ActionRow>(ACTIONS_TABLE, ['tenant_id', 'id']);
    const added = (tenant: string) =>
      stored(
        {
          type: 'ActionAdded',
          data: {
            actionId: 'a',
            planId: 'p',
            goalId: 'g',
            code: '1',
            title: tenant,
            description: '',
            tags: [],
            citizenIdea: false,
          },
        },
        1,
        tenant,
      );
    applyToActionList(sections, actions, added('t1'));
    applyToActionList(sections, actions, added('t2'));
    applyToActionList(
      sections,
      actions,
      stored({ type: 'ActionTitleChanged', data: { actionId: 'a', from: 't2', to: 'changed' } }, 2, 't2'),
    );
    expect(actions.get({ tenant_id: 't1', id: 'a' })!.title).toBe('t1');
    expect(actions.get({ tenant_id: 't2', id: 'a' })!.title).toBe('changed');
  });
});

describe('action list fold: moves', () => {
  it('rewrites the paths below a moved goal, and a moved action takes its new goal, path and code', () => {
    const sections = new RowSet<ActionSectionRow>(ACTION_SECTIONS_TABLE, ['tenant_id', 'id']);
    const actions = new RowSet<ActionRow>(ACTIONS_TABLE, ['tenant_id', 'id']);
    const apply = (event: DomainEvent, version = 1) =>
      applyToActionList(sections, actions, stored(event, version));
    for (const [themeId, code] of [
      ['t1', '1'],
      ['t2', '2'],
    ] as const)
      apply({ type: 'ThemeAdded', data: { planId: 'p', themeId, code, title: code, leadPartnerId: null } });
    apply({ type: 'GoalAdded', data: { planId: 'p', goalId: 'g', parentId: 't1', code: '1.1', title: 'G' } });
    apply({
      type: 'GoalAdded',
      data: { planId: 'p', goalId: 'gg', parentId: 'g', code: '1.1.1', title: 'GG' },
    });
    apply({ type: 'GoalAdded', data: { planId: 'p', goalId: 'h', parentId: 't2', code: '2.1', title: 'H' } });
    const action = (actionId: string, goalId: string, code: string): DomainEvent => ({
      type: 'ActionAdded',
      data: {
        actionId,
        planId: 'p',
        goalId,
        code,
        title: actionId,
        description: '',
        tags: [],
        citizenIdea: false,
      },
    });
    apply(action('a', 'gg', '1.1.1.1'));
    apply(action('b', 'h', '2.1.1'));
    apply({
      type: 'GoalMoved',
      data: {
        planId: 'p',
        goalId: 'g',
        fromParentId: 't1',
        toParentId: 'h',
        fromCode: '1.1',
        toCode: '2.1.2',
      },
    });
    expect(sections.get({ tenant_id: 't1', id: 'gg' })!.path).toEqual(['t2', 'h', 'g', 'gg']);
    expect(actions.get({ tenant_id: 't1', id: 'a' })).toMatchObject({
      theme_id: 't2',
      goal_id: 'gg',
      goal_path: ['t2', 'h', 'g', 'gg'],
    });
    expect(actions.get({ tenant_id: 't1', id: 'b' })!.goal_path).toEqual(['t2', 'h']);
    apply(
      {
        type: 'ActionGoalChanged',
        data: { actionId: 'b', fromGoalId: 'h', toGoalId: 'gg', fromCode: '2.1.1', toCode: '2.1.2.1.1' },
      },
      2,
    );
    expect(actions.get({ tenant_id: 't1', id: 'b' })).toMatchObject({
      goal_id: 'gg',
      goal_path: ['t2', 'h', 'g', 'gg'],
      theme_id: 't2',
      code: '2.1.2.1.1',
      sort_key: naturalSortKey('2.1.2.1.1'),
      version: 2,
    });
  });
});

describe('plan tree fold', () => {
  it('orders siblings by insertion, then by the last reorder; hides unplaced actions', () => {
    const state = newPlanTreeState();
    const apply = (event: DomainEvent) => applyToPlanTree(state, stored(event));
    apply({
      type: 'PlanCreated',
      data: { planId: 'p', title: 'P', description: '', periodStart: '2025-01-01', periodEnd: '2030-12-31' },
    });
    for (const t of ['a', 'b', 'c'])
      apply({
        type: 'ThemeAdded',
        data: { planId: 'p', themeId: t, code: t, title: t, leadPartnerId: null },
      });
    apply({
      type: 'GoalAdded',
      data: { planId: 'p', goalId: 'g1', parentId: 'a', code: 'a.1', title: 'g1' },
    });
    apply({
      type: 'GoalAdded',
      data: { planId: 'p', goalId: 'g2', parentId: 'a', code: 'a.2', title: 'g2' },
    });
    apply({ type: 'ThemesReordered', data: { planId: 'p', order: ['c', 'a', 'b'] } });
    apply({
      type: 'ThemeAdded',
      data: { planId: 'p', themeId: 'd', code: 'd', title: 'd', leadPartnerId: null },
    });
    apply({ type: 'ActionPlaced', data: { planId: 'p', actionId: 'x', goalId: 'g1', code: 'a.1.1' } });
    apply({
      type: 'ActionAdded',
      data: {
        actionId: 'x',
        planId: 'p',
        goalId: 'g1',
        code: 'a.1.1',
        title: 'X',
        description: '',
        tags: [],
        citizenIdea: false,
      },
    });
    apply({
      type: 'ActionStatusChanged',
      data: { actionId: 'x', from: 'not_started', to: 'in_progress', reason: null },
    });
    apply({ type: 'ActionPlaced', data: { planId: 'p', actionId: 'y', goalId: 'g2', code: 'a.2.1' } });
    apply({ type: 'ActionUnplaced', data: { planId: 'p', actionId: 'y', reason: 'r' } });
    apply({ type: 'ThemeRemoved', data: { planId: 'p', themeId: 'b' } });
    const sections = [...state.sections.values()].sort((x, y) => x.sort_order - y.sort_order);
    expect(sections.filter((s) => s.kind === 'theme').map((s) => [s.id, s.sort_order])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 4],
    ]);
    const actions = [...state.actions.values()];
    expect(actions.find((a) => a.id === 'x')).toMatchObject({
      title: 'X',
      status: 'in_progress',
      placed: true,
    });
    expect(actions.find((a) => a.id === 'y')).toMatchObject({ placed: false });
    const tree = buildTree(
      sections.map((s) => ({
        id: s.id,
        parent_id: s.parent_id,
        kind: s.kind,
        code: s.code,
        title: s.title,
        lead_partner_id: s.lead_partner_id,
        bbc_code: s.bbc_code,
        priority: s.priority,
        sub_reporting_code: s.sub_reporting_code,
        weight: s.weight,
      })),
      actions
        .filter((a) => a.placed && !a.archived)
        .map((a) => ({
          id: a.id,
          goal_id: a.goal_id,
          code: a.code,
          title: a.title,
          status: a.status,
          bbc_code: a.bbc_code,
          priority: a.priority,
          sub_reporting_code: a.sub_reporting_code,
          weight: a.weight,
          progress: null,
        })),
    );
    expect(tree.map((t) => t.id)).toEqual(['c', 'a', 'd']);
    expect(tree[1]!.goals.map((g) => [g.id, g.actions.map((a) => a.id)])).toEqual([
      ['g1', ['x']],
      ['g2', []],
    ]);
  });
});

describe('history fold', () => {
  it('describes with the names known at that moment and keeps metadata', () => {
    const names = new RowSet<HistoryNameRow>(HISTORY_NAMES_TABLE, ['tenant_id', 'kind', 'id']);
    expect(
      applyToHistory(
        names,
        stored({ type: 'PartnerRegistered', data: { partnerId: 'p1', name: 'OCMW', kind: 'city' } }),
      ),
    ).toBeNull();
    const assigned = stored({ type: 'ActionOwnerChanged', data: { actionId: 'a', from: null, to: 'p1' } }, 2);
    assigned.metadata.meetingId = 'm1';
    const row = applyToHistory(names, assigned)!;
    expect(row).toMatchObject({
      tenant_id: 't1',
      action_id: 'a',
      version: 2,
      type: 'ActionOwnerChanged',
      actor_id: 'u1',
      meeting_id: 'm1',
      summary_en: 'Lead assigned: OCMW',
      summary_nl: 'Trekker toegewezen: OCMW',
      changes: [{ field: 'owner', from: null, to: 'p1' }],
    });
    applyToHistory(
      names,
      stored({ type: 'PartnerRenamed', data: { partnerId: 'p1', from: 'OCMW', to: 'Sociaal Huis' } }),
    );
    const later = applyToHistory(
      names,
      stored({ type: 'ActionOwnerChanged', data: { actionId: 'a', from: 'p1', to: 'p9' } }, 3),
    )!;
    expect(later.summary_en).toBe('Lead changed from Sociaal Huis to p9');
    expect(later.meeting_id).toBeNull();
    expect(
      applyToHistory(names, stored({ type: 'PlanRenamed', data: { planId: 'p', from: 'a', to: 'b' } })),
    ).toBeNull();
  });
});

describe('action filters', () => {
  it('builds a parameterised where clause', () => {
    const { where, values } = actionFilterSql('t1', 'p1', {
      status: ['in_progress', 'postponed'],
      themeId: 'th',
      goalId: 'g',
      ownerId: 'o',
      partnerId: 'pa',
      tag: 'x',
      overdue: true,
      today: '2026-02-01',
      q: ' 50%_off\\ ',
      priority: true,
      bbcCode: ' ac1.2 ',
    });
    expect(where).toBe(
      [
        'a.tenant_id = $1',
        'a.plan_id = $2',
        'a.status = any($3::text[])',
        'a.theme_id = $4',
        '$5 = any(a.goal_path)',
        'a.owner_id = $6',
        '($7 = any(a.partner_ids) or a.owner_id = $7)',
        '$8 = any(a.tags)',
        '(a.due_date < $9::date and a.status <> all($10::text[]))',
        '(a.code ilike $11 or a.bbc_code ilike $11 or a.sub_reporting_code ilike $11 or a.title ilike $11 or a.description ilike $11)',
        'a.priority',
        'upper(a.bbc_code) = upper($12)',
        'not a.archived',
      ].join(' and '),
    );
    expect(values).toEqual([
      't1',
      'p1',
      ['in_progress', 'postponed'],
      'th',
      'g',
      'o',
      'pa',
      'x',
      '2026-02-01',
      ['realised', 'stopped'],
      '%50\\%\\_off\\\\%',
      'ac1.2',
    ]);
  });

  it('always scopes by tenant, and rejects values it cannot use', () => {
    expect(actionFilterSql('t1', null, { includeArchived: true })).toEqual({
      where: 'a.tenant_id = $1',
      values: ['t1'],
    });
    expect(() => actionFilterSql('t1', 'p', { status: 'done' as never })).toThrow(
      expect.objectContaining({ code: 'QUERY.INVALID', field: 'status' }),
    );
    expect(() => actionFilterSql('t1', 'p', { overdue: true, today: '01/02/2026' })).toThrow(
      expect.objectContaining({ code: 'QUERY.INVALID', field: 'today' }),
    );
  });
});

describe('RowSet', () => {
  it('tracks changed and removed rows by composite key', () => {
    const rows = new RowSet<{ tenant_id: string; id: string; n: number }>('t', ['tenant_id', 'id']);
    rows.adopt([
      { tenant_id: 'a', id: '1', n: 1 },
      { tenant_id: 'b', id: '1', n: 2 },
    ]);
    expect(rows.changedRows()).toEqual([]);
    rows.put({ tenant_id: 'a', id: '1', n: 5 });
    rows.adopt([{ tenant_id: 'a', id: '1', n: 1 }]); // never overrides a change
    rows.remove({ tenant_id: 'b', id: '1' });
    expect(rows.changedRows()).toEqual([{ tenant_id: 'a', id: '1', n: 5 }]);
    expect(rows.get({ tenant_id: 'b', id: '1' })).toBeUndefined();
  });
});

describe('Wakeup', () => {
  it('wakes a waiter on notify, or after its timeout', async () => {
    const wakeup = new Wakeup();
    const started = Date.now();
    const waiting = wakeup.next().within(5_000);
    setTimeout(() => wakeup.notify(), 10);
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
    const missed = wakeup.next();
    wakeup.notify(); // before within(): resolves at once
    await missed.within(5_000);
    const t = Date.now();
    await wakeup.next().within(30);
    expect(Date.now() - t).toBeGreaterThanOrEqual(25);
  });
});

describe('toRunnerLogger', () => {
  it('turns a line function into a logger', () => {
    const lines: string[] = [];
    const logger = toRunnerLogger((line) => lines.push(line));
    logger.log('hello');
    logger.error('failed', new Error('boom'));
    expect(lines[0]).toBe('hello');
    expect(lines[1]).toMatch(/^failed: Error: boom/);
  });
});
