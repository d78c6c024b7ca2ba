import { toPosition, type StoredEvent } from '#event-store';
import type { ActionRow } from '../action-list/row.js';
import { actionChangeOf } from './row.js';

const stored = (data: Record<string, unknown>, seq = 1): StoredEvent => ({
  id: `e${seq}`,
  streamId: 'action-a',
  version: seq,
  position: toPosition(100, seq),
  type: 'ActionStatusChanged',
  data,
  metadata: {
    actorId: 'u1',
    tenantId: 't1',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2025-03-01T10:00:00.000Z',
  },
  recordedAt: '2025-03-01T10:00:00.000Z',
});

const row = (patch: Partial<ActionRow> = {}): ActionRow => ({
  tenant_id: 't1',
  id: 'a',
  plan_id: 'p',
  code: '1.1.1',
  sort_key: '1.1.1',
  title: 'Actie',
  description: '',
  status: 'not_started',
  theme_id: 'th',
  goal_id: 'g',
  goal_path: ['th', 'g'],
  owner_id: null,
  partner_ids: [],
  tags: [],
  progress: null,
  due_date: null,
  archived: false,
  citizen_idea: false,
  signal_count: 0,
  note_count: 0,
  version: 1,
  created_at: '2025-03-01T10:00:00.000Z',
  updated_at: '2025-03-01T10:00:00.000Z',
  last_position: toPosition(100, 1),
  bbc_code: null,
  priority: false,
  sub_reporting_code: null,
  weight: 1,
  ...patch,
});

describe('actionChangeOf (the change rows of the changes view and the trend)', () => {
  it('names the compared fields an event changed, with who, when and the status it left', () => {
    const change = actionChangeOf(
      stored({ actionId: 'a' }, 2),
      row({ status: 'in_progress', owner_id: 'o', due_date: '2025-06-30', note_count: 3 }),
      row({ due_date: '2025-06-30T00:00:00' }),
    );
    expect(change).toEqual({
      tenant_id: 't1',
      plan_id: 'p',
      position: toPosition(100, 2),
      action_id: 'a',
      actor_id: 'u1',
      occurred_at: '2025-03-01T10:00:00.000Z',
      // the due date is the same day in two forms; the note count is not a compared field
      fields: ['status', 'owner'],
      status: 'in_progress',
      archived: false,
      status_changed: true,
    });
  });

  it('marks a new action as a change of status, with the fields it was given', () => {
    const change = actionChangeOf(stored({ actionId: 'a' }), row({ tags: ['wonen'] }), undefined);
    expect(change?.status_changed).toBe(true);
    expect(change?.fields).toEqual(['code', 'title', 'description', 'status', 'goalId', 'tags']);
  });

  it('counts an event that changed no compared field (a note), without a change of status', () => {
    const change = actionChangeOf(stored({ actionId: 'a' }), row({ note_count: 1 }), row());
    expect(change).toMatchObject({ fields: [], status_changed: false });
    expect(actionChangeOf(stored({ actionId: 'a' }), row({ archived: true }), row())).toMatchObject({
      fields: ['archived'],
      status_changed: true,
    });
  });

  it("leaves out events of another stream (a moved goal, the plan's reporting fields) and removals", () => {
    expect(actionChangeOf(stored({ goalId: 'g' }), row({ theme_id: 'x' }), row())).toBeNull();
    expect(actionChangeOf(stored({ nodeId: 'a' }), row({ priority: true }), row())).toBeNull();
    expect(actionChangeOf(stored({ actionId: 'a' }), null, row())).toBeNull();
  });
});
