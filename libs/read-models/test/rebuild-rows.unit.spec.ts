import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { RowSet, type JsonRow, type Queryable } from '../src/projection/sql.js';
import { RebuildRows, keepingRows } from '../src/projection/rebuild-rows.js';

/** a transaction that records its statements and answers `rows` to a load (`to_jsonb(t) as r`) */
function recordingTx(rows: JsonRow[] = []): Queryable & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query: <R extends pg.QueryResultRow>(text: string) => {
      statements.push(text.trim().split(/\s+/).slice(0, 2).join(' '));
      const answer = text.includes('to_jsonb(t) as r') ? rows.map((r) => ({ r })) : [];
      return Promise.resolve({ rows: answer as unknown as R[] } as pg.QueryResult<R>);
    },
  };
}

const key = (id: string): JsonRow => ({ tenant_id: 't', id });
const row = (id: string, title: string): JsonRow => ({ tenant_id: 't', id, title });

describe('rows a rebuild keeps from page to page', () => {
  it('answers a page its rows without a query, a key it does not hold as absent, and keeps what the page saved', async () => {
    const kept = new RebuildRows(['rm_things']);
    const first = new RowSet<JsonRow>('rm_things', ['tenant_id', 'id']);
    const tx = recordingTx();
    await keepingRows(tx, kept, async () => {
      await first.load(tx, [key('a'), key('b')]);
      expect(first.get(key('a'))).toBeUndefined();
      first.put(row('a', 'one'));
      first.put(row('b', 'two'));
      await first.save(tx);
    });
    expect(tx.statements.filter((s) => s.startsWith('select'))).toEqual([]);
    expect(kept.size).toBe(2);

    // the next page: loads from the kept rows, removes one, changes the other
    const second = new RowSet<JsonRow>('rm_things', ['tenant_id', 'id']);
    const next = recordingTx([row('a', 'stale from the table')]);
    await keepingRows(next, kept, async () => {
      await second.load(next, [key('a'), key('b'), key('c')]);
      expect(second.get(key('a'))).toEqual(row('a', 'one'));
      expect(second.get(key('c'))).toBeUndefined();
      second.remove(key('b'));
      second.put({ ...second.get(key('a'))!, title: 'three' });
      await second.save(next);
    });
    expect(next.statements.filter((s) => s.startsWith('select'))).toEqual([]);
    expect(kept.of('rm_things')).toEqual(new Map([['t\u0000a', row('a', 'three')]]));
    expect(kept.size).toBe(1);
  });

  it('leaves tables it does not keep, and transactions it is not attached to, to the database', async () => {
    const kept = new RebuildRows(['rm_things']);
    const other = new RowSet<JsonRow>('rm_others', ['tenant_id', 'id']);
    const tx = recordingTx([row('x', 'from the table')]);
    await keepingRows(tx, kept, () => other.load(tx, [key('x')]));
    expect(other.get(key('x'))).toEqual(row('x', 'from the table'));
    expect(tx.statements.filter((s) => s.startsWith('select'))).toHaveLength(1);

    const things = new RowSet<JsonRow>('rm_things', ['tenant_id', 'id']);
    const plain = recordingTx([row('y', 'from the table')]);
    await things.load(plain, [key('y')]);
    expect(things.get(key('y'))).toEqual(row('y', 'from the table'));
    expect(kept.of('rm_others')).toBeNull();
  });

  it('lets go of every row past its bound, or when dropped, and the pages read the table again', async () => {
    const kept = new RebuildRows(['rm_things'], 2);
    const set = new RowSet<JsonRow>('rm_things', ['tenant_id', 'id']);
    const tx = recordingTx();
    await keepingRows(tx, kept, async () => {
      set.put(row('a', 'one'));
      set.put(row('b', 'two'));
      await set.save(tx);
    });
    expect(kept.of('rm_things')?.size).toBe(2);
    await keepingRows(tx, kept, async () => {
      set.put(row('c', 'three'));
      await set.save(tx);
    });
    expect(kept.of('rm_things')).toBeNull();
    expect(kept.size).toBe(0);

    const later = new RowSet<JsonRow>('rm_things', ['tenant_id', 'id']);
    const reads = recordingTx([row('a', 'one')]);
    await keepingRows(reads, kept, () => later.load(reads, [key('a')]));
    expect(later.get(key('a'))).toEqual(row('a', 'one'));
    expect(reads.statements.filter((s) => s.startsWith('select'))).toHaveLength(1);

    const dropped = new RebuildRows(['rm_things']);
    dropped.saved('rm_things', [], [['t\u0000a', row('a', 'one')]]);
    dropped.drop();
    expect(dropped.of('rm_things')).toBeNull();
    dropped.saved('rm_things', [], [['t\u0000b', row('b', 'two')]]);
    expect(dropped.size).toBe(0);
  });
});

describe('the tables a rebuild keeps in memory', () => {
  it('are tables the projection declares, so its rebuild empties them first', async () => {
    const { createReadModelProjections } = await import('#read-models');
    const projections = createReadModelProjections();
    const kept = projections.flatMap((projection) =>
      (projection.keptInRebuild ?? []).map(
        (table) => [projection.name, table, projection.tables ?? []] as const,
      ),
    );
    expect(kept.length).toBeGreaterThan(0);
    for (const [name, table, tables] of kept)
      expect([name, table, tables.includes(table)]).toEqual([name, table, true]);
  });
});
