import { RowSet } from './sql.js';

/**
 * A read-model table declared once, as data: its columns with their SQL type and nullability, its primary key
 * and its indexes. The row type (`RowOf`) is derived from it, so the projection that writes a row and the query
 * that reads it share one type, and `test/schema.int.spec.ts` compares every declaration with the schema the
 * migrations create (information_schema and pg_indexes). Rows are seen as JSON (`to_jsonb`): dates and instants
 * are ISO strings, arrays and json columns JSON values, exactly what `upsertRows` writes back.
 */
export type SqlType =
  | 'text'
  | 'integer'
  | 'bigint'
  | 'boolean'
  | 'date'
  | 'timestamptz'
  | 'json'
  | 'jsonb'
  | 'text[]'
  | 'double precision';

declare const VALUE: unique symbol;

export interface Column<T> {
  readonly type: SqlType;
  readonly nullable: boolean;
  /** the column's SQL default as PostgreSQL prints it (`pg_get_expr`), when it has one */
  readonly default?: string;
  /** type only: the column's value in a row read through `to_jsonb` */
  readonly [VALUE]?: T;
}

const column = <T>(type: SqlType): Column<T> => ({ type, nullable: false });

export const text = <T extends string = string>(): Column<T> => column<T>('text');
export const integer = (): Column<number> => column<number>('integer');
/** a JSON number in a row (`to_jsonb`): exact up to 2^53, as any count or duration a read model keeps */
export const bigint = (): Column<number> => column<number>('bigint');
/** a JSON number with decimals (a weight, a measured value) */
export const float8 = (): Column<number> => column<number>('double precision');
export const boolean = (): Column<boolean> => column<boolean>('boolean');
/** a calendar date, ISO `YYYY-MM-DD` in a row */
export const date = (): Column<string> => column<string>('date');
/** an instant, an ISO string in a row */
export const timestamptz = (): Column<string> => column<string>('timestamptz');
export const json = <T = unknown>(): Column<T> => column<T>('json');
export const jsonb = <T = unknown>(): Column<T> => column<T>('jsonb');
export const textArray = <T extends string = string>(): Column<T[]> => column<T[]>('text[]');

export const nullable = <T>(of: Column<T>): Column<T | null> => ({ ...of, nullable: true });
export const withDefault = <T>(of: Column<T>, sql: string): Column<T> => ({ ...of, default: sql });

export type Columns = Record<string, Column<unknown>>;

export interface Table<C extends Columns = Columns> {
  readonly name: string;
  /** in the order the migrations create them (a column added later comes last) */
  readonly columns: C;
  /** column names of `columns` (checked where `table()` declares it) */
  readonly primaryKey: readonly string[];
  /**
   * secondary indexes: name and column list as PostgreSQL prints it (`tenant_id, updated_at DESC, id`), and
   * the predicate of a partial index, also as PostgreSQL prints it (`(action_id IS NOT NULL)`)
   */
  readonly indexes: readonly TableIndex[];
}

export interface TableIndex {
  readonly name: string;
  readonly columns: string;
  /** columns stored in the index beside its keys, for index-only scans (`include (...)`) */
  readonly include?: string;
  readonly where?: string;
  /**
   * Only queries read through this index, never a projection's `apply`: a rebuild drops it with the truncate
   * and builds it once after the replay (`indexes.ts`) instead of maintaining it row by row. Leave it unset on
   * an index a projection looks rows up by while it applies (a rebuild would turn those lookups into scans).
   */
  readonly queriesOnly?: boolean;
}

export function table<C extends Columns>(
  name: string,
  columns: C,
  options: {
    primaryKey: readonly (keyof C & string)[];
    indexes?: readonly TableIndex[];
  },
): Table<C> {
  return { name, columns, primaryKey: options.primaryKey, indexes: options.indexes ?? [] };
}

type ValueOf<C> = C extends Column<infer T> ? T : never;

/** The row of a table as a projection writes it and a query reads it (`to_jsonb(t)`). */
export type RowOf<T extends { readonly columns: Columns }> = {
  -readonly [K in keyof T['columns']]: ValueOf<T['columns'][K]>;
};

/** The rows of `table` a batch touches, keyed by its primary key. */
export const rowSet = <C extends Columns>(of: Table<C>): RowSet<RowOf<Table<C>>> =>
  new RowSet<RowOf<Table<C>>>(of.name, of.primaryKey);
