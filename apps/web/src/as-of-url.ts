// The `?asOf=` of a URL, without any text or component: the signed-in shell reads it for the action page's route.
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `?asOf=` of the page's URL: a date (the end of that day in Belgian time), or null for today. */
export function asOfFrom(search: URLSearchParams): string | null {
  const value = search.get('asOf');
  return value && ISO_DATE.test(value) ? value : null;
}
