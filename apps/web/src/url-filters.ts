import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from './router';

/** The filters `names` as the URL query holds them ('' when absent). */
function readFilters<F extends string>(names: readonly F[], search: URLSearchParams): Record<F, string> {
  return Object.fromEntries(names.map((name) => [name, search.get(name) ?? ''])) as Record<F, string>;
}

export interface UrlFilters<F extends string> {
  /** the filters in the URL: what the page shows */
  filters: Record<F, string>;
  /** the filter form's values, not applied yet; reset to the URL's when it changes (back button, a link) */
  draft: Record<F, string>;
  setDraft: (draft: Record<F, string>) => void;
  /** a change handler for one control of the filter form */
  set: (name: F) => (event: { target: { value: string } }) => void;
  /**
   * The query of `filters` (only those set), then the `extra` parameters that are set, in their order (sort,
   * offset, a cursor): the same filters always give the same query.
   */
  queryOf: (filters: Record<F, string>, extra?: Record<string, string | number | null | undefined>) => string;
  /** goes to the page with this query (a new history entry: the back button undoes) */
  go: (query: string) => void;
  /** the filter form's submit: applies the draft, with `extra` */
  submit: (extra?: Record<string, string | number | null | undefined>) => (event: FormEvent) => void;
  /** no filter set */
  empty: Record<F, string>;
}

/**
 * A list's filters live in the URL (`path?name=value…`): a view can be bookmarked and shared, and the back
 * button undoes. The action list and the audit trail read and write them with this one hook.
 */
export function useUrlFilters<F extends string>(
  names: readonly F[],
  path: string,
  search: URLSearchParams,
): UrlFilters<F> {
  const filters = readFilters(names, search);
  const [draft, setDraft] = useState(filters);
  const searchKey = search.toString();
  // `names` is a module constant: the draft follows the URL only
  useEffect(() => setDraft(readFilters(names, new URLSearchParams(searchKey))), [searchKey]);
  const queryOf: UrlFilters<F>['queryOf'] = (next, extra = {}) => {
    const params = new URLSearchParams();
    for (const name of names) if (next[name]) params.set(name, next[name]);
    for (const [name, value] of Object.entries(extra)) if (value) params.set(name, String(value));
    return params.toString();
  };
  const go = (query: string) => navigate(`${path}${query ? `?${query}` : ''}`);
  return {
    filters,
    draft,
    setDraft,
    set: (name) => (event) => setDraft({ ...draft, [name]: event.target.value }),
    queryOf,
    go,
    submit: (extra) => (event) => {
      event.preventDefault();
      go(queryOf(draft, extra));
    },
    empty: readFilters(names, new URLSearchParams()),
  };
}
