import type { ActionTransferRow } from './action-file.js';

/** One action as a file holds it, for the specs: a plain row, with what a case needs changed. */
export const sampleRow = (overrides: Partial<ActionTransferRow> = {}): ActionTransferRow => ({
  code: '3.1.1',
  title: 'Housing First',
  description: '',
  theme: '3',
  goal: '3.1',
  status: 'not_started',
  lead: null,
  partners: [],
  progress: null,
  dueDate: null,
  tags: [],
  citizenIdea: false,
  bbcCode: null,
  priority: false,
  subReportingCode: null,
  ...overrides,
});
