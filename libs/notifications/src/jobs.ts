import type pg from 'pg';
import { BELGIAN_TIME_ZONE, belgianToday, naturalCompare } from '#domain';
import { stableId } from './events.js';
import { addNotifications } from './outbox.projection.js';
import { ROUND_REMINDER_DAYS, type RoundMailAction } from './update-rounds.js';

/** The daily jobs run from this hour on, Belgian time (reminders and digests arrive before the working day). */
export const DAILY_JOB_HOUR = 7;
/** reminders for next steps and actions due within this many days */
export const REMINDER_DAYS = 7;

const BELGIAN_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: BELGIAN_TIME_ZONE,
  hour: '2-digit',
  hourCycle: 'h23',
});
const BELGIAN_WEEKDAY = new Intl.DateTimeFormat('en-GB', { timeZone: BELGIAN_TIME_ZONE, weekday: 'short' });

const belgianHour = (now: Date): number => Number(BELGIAN_HOUR.format(now));

const belgianWeekday = (now: Date): string => BELGIAN_WEEKDAY.format(now);

/**
 * The time-driven part of the outbox, once per Belgian day from 07:00 (each job remembers the day it last
 * ran in `nf_jobs`, so several processes, restarts and the minute-by-minute loop run it once): reminders for
 * next steps and actions due within 7 days and for update rounds' missing updates, then the daily digests, and
 * on Mondays the weekly ones.
 * Answers the jobs that ran.
 */
export async function runDailyJobs(
  pool: pg.Pool,
  now: Date,
  options: { force?: boolean } = {},
): Promise<string[]> {
  if (!options.force && belgianHour(now) < DAILY_JOB_HOUR) return [];
  const today = belgianToday(now);
  const ran: string[] = [];
  if (await claimJob(pool, 'reminders', today)) {
    await addReminders(pool, now, today);
    await addRoundReminders(pool, now, today);
    ran.push('reminders');
  }
  if (await claimJob(pool, 'digest-daily', today)) {
    await makeDigests(pool, now, 'daily', today);
    ran.push('digest-daily');
  }
  if (belgianWeekday(now) === 'Mon' && (await claimJob(pool, 'digest-weekly', today))) {
    await makeDigests(pool, now, 'weekly', today);
    ran.push('digest-weekly');
  }
  return ran;
}

/** True once per key: the first caller for a day claims it. */
async function claimJob(pool: pg.Pool, name: string, key: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `insert into nf_jobs (name, last_key, ran_at) values ($1, $2, now())
     on conflict (name) do update set last_key = $2, ran_at = now() where nf_jobs.last_key < $2`,
    [name, key],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Next steps (owner: a user, or the users of the owning organisation) and actions (the users of the
 * organisation that owns it) due from today to today + 7 days, not yet done: one reminder per item and due
 * date (keyed so, a moved due date reminds again).
 */
async function addReminders(pool: pg.Pool, now: Date, today: string): Promise<void> {
  const occurredAt = now.toISOString();
  const { rows: steps } = await pool.query<{
    tenant_id: string;
    next_step_id: string;
    text: string;
    due: string;
    user_ids: string[];
  }>(
    `select s.tenant_id, s.next_step_id, s.text, to_char(s.due_date, 'YYYY-MM-DD') as due,
            array(select r.user_id from nf_recipients r
                   where r.tenant_id = s.tenant_id
                     and (r.user_id = s.owner_user_id or (s.owner_user_id is null and r.partner_id = s.owner_partner_id))
                   order by r.user_id) as user_ids
       from nf_next_steps s
      where s.due_date between $1::date and $1::date + $2::int`,
    [today, REMINDER_DAYS],
  );
  for (const step of steps) {
    await addNotifications(
      pool,
      { key: `reminder:next-step:${step.next_step_id}:${step.due}`, position: null, occurredAt },
      step.tenant_id,
      step.user_ids,
      { kind: 'next_step_due', nextStepId: step.next_step_id, text: step.text, dueDate: step.due },
    );
  }
  const { rows: actions } = await pool.query<{
    tenant_id: string;
    id: string;
    code: string;
    title: string;
    due: string;
    user_ids: string[];
  }>(
    `select a.tenant_id, a.id, a.code, a.title, to_char(a.due_date, 'YYYY-MM-DD') as due,
            array(select r.user_id from nf_recipients r
                   where r.tenant_id = a.tenant_id and r.role = 'partner' and r.partner_id = a.owner_id
                   order by r.user_id) as user_ids
       from rm_actions a
      where a.due_date between $1::date and $1::date + $2::int
        and a.status in ('not_started', 'in_progress') and a.owner_id is not null`,
    [today, REMINDER_DAYS],
  );
  for (const action of actions) {
    await addNotifications(
      pool,
      { key: `reminder:action:${action.id}:${action.due}`, position: null, occurredAt },
      action.tenant_id,
      action.user_ids,
      {
        kind: 'action_due',
        actionId: action.id,
        code: action.code,
        title: action.title,
        dueDate: action.due,
      },
    );
  }
}

/**
 * Update rounds of open periods whose deadline is from today to today + 3 days: each lead organisation that
 * still has requested actions without an update in the period is reminded (its partner users), listing those
 * actions. At most two reminders per round and organisation: one "before" (keyed so: the first day of the
 * window the job runs, normally 3 days before) and one on the deadline itself; none after the deadline.
 */
async function addRoundReminders(pool: pg.Pool, now: Date, today: string): Promise<void> {
  const { rows } = await pool.query<{
    tenant_id: string;
    period_id: string;
    label: string;
    round_id: string;
    deadline: string;
    days_left: number;
    lead_partner_id: string;
    actions: RoundMailAction[];
    user_ids: string[];
  }>(
    `select p.tenant_id, p.id as period_id, p.label, p.round_id, to_char(p.round_deadline, 'YYYY-MM-DD') as deadline,
            (p.round_deadline - $1::date) as days_left, r.lead_partner_id,
            json_agg(json_build_object('actionId', r.action_id, 'code', coalesce(a.code, r.action_id),
                                       'title', coalesce(a.title, ''))) as actions,
            array(select u.user_id from nf_recipients u
                   where u.tenant_id = p.tenant_id and u.role = 'partner' and u.partner_id = r.lead_partner_id
                   order by u.user_id) as user_ids
       from rm_periods p
       join rm_period_round_requests r on r.tenant_id = p.tenant_id and r.period_id = p.id
       left join rm_actions a on a.tenant_id = r.tenant_id and a.id = r.action_id
      where p.status = 'open' and p.round_id is not null
        and p.round_deadline between $1::date and $1::date + $2::int
        and r.lead_partner_id is not null
        and not exists (select 1 from rm_period_updates u
                         where u.tenant_id = r.tenant_id and u.period_id = r.period_id and u.action_id = r.action_id)
      group by p.tenant_id, p.id, p.label, p.round_id, p.round_deadline, r.lead_partner_id`,
    [today, ROUND_REMINDER_DAYS],
  );
  const occurredAt = now.toISOString();
  for (const row of rows) {
    const stage = row.days_left === 0 ? 'due' : 'before';
    await addNotifications(
      pool,
      {
        key: `reminder:update-round:${row.tenant_id}:${row.round_id}:${row.lead_partner_id}:${stage}`,
        position: null,
        occurredAt,
      },
      row.tenant_id,
      row.user_ids,
      {
        kind: 'update_round_reminder',
        periodId: row.period_id,
        roundId: row.round_id,
        periodLabel: row.label,
        deadline: row.deadline,
        daysLeft: row.days_left,
        actions: [...row.actions].sort((a, b) => naturalCompare(a.code, b.code)),
      },
    );
  }
}

/**
 * One digest mail per person who chose `mode` and has notifications waiting for one: it lists them, and
 * they are marked as part of it (in the same transaction), so no notification is in two digests.
 */
export async function makeDigests(
  pool: pg.Pool,
  now: Date,
  mode: 'daily' | 'weekly',
  period: string,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ tenant_id: string; user_id: string; ids: string[] }>(
      `select o.tenant_id, o.user_id, array_agg(o.id order by o.occurred_at, o.id) as ids
         from nf_outbox o join nf_recipients r on r.tenant_id = o.tenant_id and r.user_id = o.user_id
        where o.delivery = 'digest' and o.digest_id is null and r.mode = $1 and not r.disabled
        group by o.tenant_id, o.user_id`,
      [mode],
    );
    for (const row of rows) {
      const key = `digest:${mode}:${period}:${row.tenant_id}:${row.user_id}`;
      const digestId = stableId(key, row.user_id, 'digest');
      await addNotifications(
        client,
        { key, position: null, occurredAt: now.toISOString() },
        row.tenant_id,
        [row.user_id],
        { kind: 'digest', period: `${mode === 'daily' ? '' : 'week '}${period}`, notificationIds: row.ids },
        'mail',
      );
      await client.query(
        `update nf_outbox set digest_id = $1 where id = any($2::text[]) and digest_id is null`,
        [digestId, row.ids],
      );
    }
    await client.query('commit');
    return rows.length;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
