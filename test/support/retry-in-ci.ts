import { jest } from '@jest/globals';

/**
 * In CI only, an end-to-end or browser test that fails is run once more, and the first failure is printed
 * in full (`logErrorsBeforeRetry`), so a timing-dependent test shows up in the log to be fixed instead of
 * failing a whole run on a busy 2-core machine. These tests drive several real processes (api, projector,
 * PostgreSQL, Chromium) whose timing the test cannot fully control; unit and integration tests are not
 * retried. See docs/decisions.md ("A second try for multi-process tests in CI").
 */
if (process.env.CI) jest.retryTimes(1, { logErrorsBeforeRetry: true });
