/**
 * Saved views of the action list, per user and plan, in the browser's localStorage.
 *
 * Why there: a view is nothing but the list's URL query (filters and sort) with a name the user chose. It has
 * no meaning for the plan, so it is no event in the store and no read model, and the server keeps nothing
 * personal for it; the URL itself is what is shared or bookmarked, so a colleague gets the view by link. The
 * price: views stay on the device and browser where they were saved.
 */
export interface SavedView {
  name: string;
  /** the list's URL query, e.g. `mine=all&sort=-dueDate` */
  query: string;
}

const keyOf = (userId: string, planId: string) => `spb.views.${userId}.${planId}`;
const MAX_VIEWS = 30;

export function loadViews(userId: string, planId: string): SavedView[] {
  try {
    const raw = globalThis.localStorage?.getItem(keyOf(userId, planId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (view): view is SavedView =>
        typeof view === 'object' &&
        view !== null &&
        typeof (view as SavedView).name === 'string' &&
        typeof (view as SavedView).query === 'string',
    );
  } catch {
    return [];
  }
}

function store(userId: string, planId: string, views: SavedView[]): SavedView[] {
  globalThis.localStorage?.setItem(keyOf(userId, planId), JSON.stringify(views));
  return views;
}

/** Saves (or replaces, by name) a view; the newest first. */
export function saveView(userId: string, planId: string, name: string, query: string): SavedView[] {
  const others = loadViews(userId, planId).filter((view) => view.name !== name);
  return store(userId, planId, [{ name, query }, ...others].slice(0, MAX_VIEWS));
}

export function deleteView(userId: string, planId: string, name: string): SavedView[] {
  return store(
    userId,
    planId,
    loadViews(userId, planId).filter((view) => view.name !== name),
  );
}
