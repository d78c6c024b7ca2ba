/**
 * What an erased person's text field reads as in event data and the API (issue 18, part 3; docs/privacy.md).
 * Language-neutral: the summaries, the minutes and the web app show it as "gewist" / "erased". Its own module
 * (no imports), so the web app can take it without the rest of the domain.
 */
export const ERASED = '[erased]';
