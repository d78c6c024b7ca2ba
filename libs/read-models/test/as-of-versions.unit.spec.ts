import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '#domain';
import { toPosition, type StoredEvent } from '#event-store';
import {
  ACTIONS_TABLE,
  ACTION_SECTIONS_TABLE,
  RowSet,
  VersionRecorder,
  applyToActionList,
  applyToPlanTree,
  newPlanTreeState,
  type ActionRow,
  type ActionSectionRow,
  type ProjectionTx,
} from '#read-models';

let seq = 0;
function stored(event: DomainEvent): StoredEvent {
  seq++;
  return {
    id: `e${seq}`,
    streamId: 's',
    version: seq,
    position: toPosition(2000, seq),
    type: event.type,
    data: event.data,
    metadata: {
      actorId: 'u1',
      tenantId: 't1',
      correlationId: 'c',
      causationId: null,
      occurredAt: `2025-01-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    },
    recordedAt: '2025-01-01T10:00:00.000Z',
  };
}

/** A transaction that keeps what `save` writes (the rows of each multi-row insert). */
function capturingTx(): { tx: ProjectionTx; written: Map<string, Record<string, unknown>[]> } {
  const written = new Map<string, Record<string, unknown>[]>();
  const tx = {
    query: (text: string, values: unknown[]) => {
      const table = /insert into (\w+)/.exec(text)?.[1];
      if (table) written.set(table, JSON.parse(String(values[0])) as Record<string, unknown>[]);
      return Promise.resolve({ rows: [], rowCount: 0 });
    },
  } as unknown as ProjectionTx;
  return { tx, written };
}

describe('dated versions (?asOf=)', () => {
  it('records one version per event that changed a row, also for several events of one action in a batch', async () => {
    const sections = new RowSet<ActionSectionRow>(ACTION_SECTIONS_TABLE, ['tenant_id', 'id']);
    const actions = new RowSet<ActionRow>(ACTIONS_TABLE, ['tenant_id', 'id']);
    const versions = new VersionRecorder();
    const events: DomainEvent[] = [
      {
        type: 'ThemeAdded',
        data: { planId: 'p', themeId: 'th', code: '1', title: 'T', leadPartnerId: null },
      },
      { type: 'GoalAdded', data: { planId: 'p', goalId: 'g', parentId: 'th', code: '1.1', title: 'G' } },
      {
        type: 'ActionAdded',
        data: {
          actionId: 'a',
          planId: 'p',
          goalId: 'g',
          code: '1.1.1',
          title: 'A',
          description: '',
          tags: [],
          citizenIdea: false,
        },
      },
      {
        type: 'ActionStatusChanged',
        data: { actionId: 'a', from: 'not_started', to: 'in_progress', reason: null },
      },
      { type: 'ActionProgressReported', data: { actionId: 'a', from: null, to: 40, comment: null } },
    ] as DomainEvent[];
    const positions: string[] = [];
    for (const event of events) {
      const at = stored(event);
      positions.push(at.position);
      applyToActionList(sections, actions, at);
      versions.record([actions], at);
    }
    const { tx, written } = capturingTx();
    await versions.save(tx);
    const rows = written.get('rm_row_versions')!;
    // the sections are not versioned (no read of the past uses them); the action has three versions
    expect(rows.map((row) => [row.source, row.id, row.position])).toEqual([
      ['rm_actions', 'a', positions[2]],
      ['rm_actions', 'a', positions[3]],
      ['rm_actions', 'a', positions[4]],
    ]);
    const data = rows.map((row) => row.data as ActionRow);
    expect(data.map((row) => [row.status, row.progress])).toEqual([
      ['not_started', null],
      ['in_progress', null],
      ['in_progress', 40],
    ]);
    expect(written.get('rm_row_version_keys')).toEqual([
      { tenant_id: 't1', plan_id: 'p', source: 'rm_actions', id: 'a' },
    ]);
    // saved once: a second save writes nothing
    const again = capturingTx();
    await versions.save(again.tx);
    expect(again.written.size).toBe(0);
  });

  it('records a removal as a version without a row, under the plan the row belonged to', async () => {
    const state = newPlanTreeState();
    const versions = new VersionRecorder();
    const events: DomainEvent[] = [
      {
        type: 'PlanCreated',
        data: {
          planId: 'p',
          title: 'P',
          description: '',
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
        },
      },
      {
        type: 'ThemeAdded',
        data: { planId: 'p', themeId: 'th', code: '1', title: 'T', leadPartnerId: null },
      },
      { type: 'ThemeRemoved', data: { planId: 'p', themeId: 'th' } },
    ] as DomainEvent[];
    for (const event of events) {
      const at = stored(event);
      applyToPlanTree(state, at);
      versions.record([state.plans, state.sections, state.actions], at);
    }
    const { tx, written } = capturingTx();
    await versions.save(tx);
    const rows = written.get('rm_row_versions')!;
    const theme = rows.filter((row) => row.source === 'rm_plan_sections');
    expect(theme.map((row) => row.data === null)).toEqual([false, true]);
    // the plan row changes with every section event (its updated_at): three versions
    expect(rows.filter((row) => row.source === 'rm_plans')).toHaveLength(3);
    expect(written.get('rm_row_version_keys')).toEqual(
      expect.arrayContaining([
        { tenant_id: 't1', plan_id: 'p', source: 'rm_plans', id: 'p' },
        { tenant_id: 't1', plan_id: 'p', source: 'rm_plan_sections', id: 'th' },
      ]),
    );
  });
});
