import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

export type Role = 'coordinator' | 'member' | 'partner' | 'viewer';

/** how far the demo's first start got on this database (`IdentityStore.demoSeedState`) */
export type DemoSeedState = 'none' | 'started' | 'completed';

export interface Account {
  userId: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  disabled: boolean;
}

export interface AccountWithHash extends Account {
  passwordHash: string;
}

export interface SessionAccount extends Account {
  sessionId: string;
}

export class EmailTakenError extends Error {
  readonly code = 'USER.EMAIL_TAKEN';
  constructor(readonly email: string) {
    super(`the email address ${email} is already used by another account`);
  }
}

interface AccountRow {
  user_id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  partner_id: string | null;
  disabled: boolean;
  password_hash: string;
}

const toAccount = (row: AccountRow): AccountWithHash => ({
  userId: row.user_id,
  tenantId: row.tenant_id,
  email: row.email,
  name: row.name,
  role: row.role,
  partnerId: row.partner_id,
  disabled: row.disabled,
  passwordHash: row.password_hash,
});

export const hashToken = (secret: string): string => createHash('sha256').update(secret).digest('hex');
export const newTokenSecret = (): string => randomBytes(32).toString('base64url');

/** `IdentityStore.demoSeedState` on any connection (e.g. the one that holds the demo's lock) */
export async function readDemoSeedState(db: Pick<pg.ClientBase, 'query'>): Promise<DemoSeedState> {
  const { rows } = await db.query<{ completed: boolean }>(
    'select completed_at is not null as completed from demo_seed where id = 1',
  );
  if (rows.length === 0) return 'none';
  return rows[0]!.completed ? 'completed' : 'started';
}

/** How long a just-rotated refresh token still works for a concurrent refresh (another tab). */
export const REFRESH_GRACE_SECONDS = 20;

/**
 * Accounts, sessions and login failures: the write side's mutable identity tables (see the migration).
 * Every change to an account is also recorded as an event in the user's stream by the caller.
 */
export class IdentityStore {
  constructor(private readonly db: pg.Pool) {}

  async createAccount(account: Account & { passwordHash: string }): Promise<void> {
    try {
      await this.db.query(
        `insert into auth_accounts (user_id, tenant_id, email, name, role, partner_id, disabled, password_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          account.userId,
          account.tenantId,
          account.email.trim().toLowerCase(),
          account.name,
          account.role,
          account.partnerId,
          account.disabled,
          account.passwordHash,
        ],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new EmailTakenError(account.email);
      throw error;
    }
  }

  async deleteAccount(userId: string): Promise<void> {
    await this.db.query('delete from auth_accounts where user_id = $1', [userId]);
  }

  async findByEmail(email: string): Promise<AccountWithHash | null> {
    const { rows } = await this.db.query<AccountRow>(
      'select * from auth_accounts where lower(email) = lower($1)',
      [email.trim()],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async get(userId: string): Promise<AccountWithHash | null> {
    const { rows } = await this.db.query<AccountRow>('select * from auth_accounts where user_id = $1', [
      userId,
    ]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async update(
    userId: string,
    patch: Partial<Pick<Account, 'name' | 'role' | 'partnerId' | 'disabled'>>,
  ): Promise<void> {
    await this.db.query(
      `update auth_accounts set
         name = coalesce($2, name),
         role = coalesce($3, role),
         partner_id = case when $4::boolean then $5::uuid else partner_id end,
         disabled = coalesce($6, disabled)
       where user_id = $1`,
      [
        userId,
        patch.name ?? null,
        patch.role ?? null,
        patch.partnerId !== undefined,
        patch.partnerId ?? null,
        patch.disabled ?? null,
      ],
    );
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.query(
      'update auth_accounts set password_hash = $2, password_changed_at = now() where user_id = $1',
      [userId, passwordHash],
    );
  }

  async countAccounts(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('select count(*)::int as n from auth_accounts');
    return rows[0]?.n ?? 0;
  }

  /**
   * How far the demo's first start got: `none` (never started here), `started` (interrupted: the seed
   * began and never finished) or `completed`. A database seeded before this record existed reads `none`
   * with accounts: its demo was written whole (the seed ran with synchronous commits then).
   */
  demoSeedState(): Promise<DemoSeedState> {
    return readDemoSeedState(this.db);
  }

  /** the demo's seed begins: until `demoSeedCompleted`, a restart finds it interrupted */
  async demoSeedStarted(): Promise<void> {
    await this.db.query(
      `insert into demo_seed (id, started_at) values (1, now())
         on conflict (id) do update set started_at = now(), completed_at = null`,
    );
  }

  /**
   * The demo is written whole. A synchronous commit: it returns once this row is on disk, and with it
   * everything the server committed before it (the WAL is flushed in order), also the seed's own writes
   * made with `synchronous_commit = off`.
   */
  async demoSeedCompleted(): Promise<void> {
    const client = await this.db.connect();
    try {
      await client.query('begin');
      await client.query('set local synchronous_commit = on');
      await client.query('update demo_seed set completed_at = now() where id = 1');
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A new session; the refresh token is `<sessionId>.<secret>` and only the secret's hash is kept. */
  async createSession(session: {
    id: string;
    userId: string;
    tenantId: string;
    secret: string;
    ttlSeconds: number;
    userAgent: string | null;
    ip: string | null;
  }): Promise<void> {
    await this.db.query(
      `insert into auth_sessions (id, user_id, tenant_id, refresh_hash, expires_at, user_agent, ip)
       values ($1, $2, $3, $4, now() + make_interval(secs => $5), $6, $7)`,
      [
        session.id,
        session.userId,
        session.tenantId,
        hashToken(session.secret),
        session.ttlSeconds,
        session.userAgent,
        session.ip,
      ],
    );
  }

  /** The account behind a live session (not revoked, not expired, account not disabled), or null. */
  async activeSession(sessionId: string): Promise<SessionAccount | null> {
    const { rows } = await this.db.query<AccountRow & { session_id: string }>(
      `select a.*, s.id as session_id from auth_sessions s join auth_accounts a on a.user_id = s.user_id
       where s.id = $1 and s.revoked_at is null and s.expires_at > now() and not a.disabled`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    const { passwordHash: _hash, ...account } = toAccount(row);
    return { ...account, sessionId: row.session_id };
  }

  /** Of these sessions, the ones still live (not revoked, not expired, account not disabled). */
  async liveSessionIds(sessionIds: readonly string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const { rows } = await this.db.query<{ id: string }>(
      `select s.id from auth_sessions s join auth_accounts a on a.user_id = s.user_id
       where s.id = any($1::uuid[]) and s.revoked_at is null and s.expires_at > now() and not a.disabled`,
      [sessionIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Swaps the session's refresh secret if `presented` is the current one. A refresh token presented a
   * second time (stolen, or a replay) revokes the whole session.
   */
  /**
   * Trades the presented refresh secret for `next`. The secret just replaced stays good for `graceSeconds`
   * as a "grace": the same browser's other tab refreshing at the same moment gets a new access token (and no
   * new refresh token: the browser already holds the newest). Any other secret, or the replaced one after
   * the grace, is a reuse: the session ends.
   */
  async rotate(
    sessionId: string,
    presented: string,
    next: string,
    ttlSeconds: number,
    graceSeconds = REFRESH_GRACE_SECONDS,
  ): Promise<'rotated' | 'grace' | 'reused' | 'unknown'> {
    const { rowCount } = await this.db.query(
      `update auth_sessions
          set previous_hash = refresh_hash, previous_until = now() + make_interval(secs => $5),
              used_refresh_hashes = array_append(used_refresh_hashes, refresh_hash),
              refresh_hash = $3, refreshed_at = now(), expires_at = now() + make_interval(secs => $4)
       where id = $1 and refresh_hash = $2 and revoked_at is null and expires_at > now()`,
      [sessionId, hashToken(presented), hashToken(next), ttlSeconds, graceSeconds],
    );
    if (rowCount === 1) return 'rotated';
    const grace = await this.db.query(
      `select 1 from auth_sessions
       where id = $1 and previous_hash = $2 and previous_until > now() and revoked_at is null and expires_at > now()`,
      [sessionId, hashToken(presented)],
    );
    if (grace.rowCount === 1) return 'grace';
    // only a secret this session really had, already traded in (and past its grace), is a reuse (a stolen token
    // replayed): then the session ends; a wrong secret is just invalid and leaves the session alone
    const reused = await this.db.query(
      `update auth_sessions set revoked_at = now(), revoked_reason = 'refresh token reused'
       where id = $1 and revoked_at is null and $2 = any(used_refresh_hashes)`,
      [sessionId, hashToken(presented)],
    );
    return reused.rowCount === 1 ? 'reused' : 'unknown';
  }

  async revokeSession(sessionId: string, reason: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `update auth_sessions set revoked_at = now(), revoked_reason = $2 where id = $1 and revoked_at is null`,
      [sessionId, reason],
    );
    return rowCount === 1;
  }

  /** Ends every live session of the user (but `keep`, the caller's own, when given). */
  async revokeUserSessions(userId: string, reason: string, keep: string | null = null): Promise<number> {
    const { rowCount } = await this.db.query(
      `update auth_sessions set revoked_at = now(), revoked_reason = $2
       where user_id = $1 and revoked_at is null and ($3::uuid is null or id <> $3::uuid)`,
      [userId, reason, keep],
    );
    return rowCount ?? 0;
  }

  /**
   * Counts and checks a login attempt atomically (issue 12: 19 concurrent wrong passwords were all checked
   * against a limit of 10). Under a lock per account (a transaction-scoped advisory lock on the lowercased
   * email) the recent failures are counted and, below the limit, the attempt is recorded as a failure up
   * front; the caller withdraws it (`withdrawLoginAttempt`) once the password proved right. So at most `max`
   * attempts are ever checked in a window, however many arrive at once. Null when the account is locked.
   */
  async reserveLoginAttempt(
    email: string,
    ip: string | null,
    max: number,
    windowSeconds: number,
  ): Promise<string | null> {
    const key = email.trim().toLowerCase();
    const client = await this.db.connect();
    try {
      await client.query('begin');
      await client.query(`select pg_advisory_xact_lock(hashtextextended('login:' || $1, 0))`, [key]);
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from auth_login_failures
         where lower(email) = $1 and at > now() - make_interval(secs => $2)`,
        [key, windowSeconds],
      );
      if ((rows[0]?.n ?? 0) >= max) {
        await client.query('commit');
        return null;
      }
      const inserted = await client.query<{ id: string }>(
        'insert into auth_login_failures (email, ip) values ($1, $2) returning id::text',
        [key, ip],
      );
      await client.query('commit');
      return inserted.rows[0]!.id;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The reserved attempt was a successful login: it no longer counts as a failure. */
  /** forgets the failed sign-ins recorded for an e-mail address (an erasure of its person) */
  async forgetLoginFailures(email: string): Promise<void> {
    await this.db.query('delete from auth_login_failures where email = $1', [email]);
  }

  async withdrawLoginAttempt(attemptId: string): Promise<void> {
    await this.db.query('delete from auth_login_failures where id = $1', [attemptId]);
  }

  async recentLoginFailures(email: string, windowSeconds: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `select count(*)::int as n from auth_login_failures
       where lower(email) = lower($1) and at > now() - make_interval(secs => $2)`,
      [email.trim(), windowSeconds],
    );
    return rows[0]?.n ?? 0;
  }
}
