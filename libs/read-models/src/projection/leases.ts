import pg from 'pg';

/** Advisory-lock namespace of projection leases (first key of the two-key form; the second is the name's hash). */
const LEASE_NAMESPACE = 1886350450;

/** A projection another runner holds: its lease is taken. */
export class ProjectionBusyError extends Error {
  readonly code = 'PROJECTION.BUSY';
  constructor(readonly projections: readonly string[]) {
    super(
      `projection ${projections.join(', ')} is run by another process (a projector or an api with the embedded ` +
        'projector): rebuild it there, or stop that process first',
    );
  }
}

/**
 * One active runner per projection: a PostgreSQL session-level advisory lock per projection, held on one
 * dedicated connection. When that connection drops, every lease is gone at once (the database released the
 * locks with the session) and `onLost` is told, so the runner stops those projections before anyone else can
 * take them over; a standby runner's next attempt then succeeds.
 */
export class ProjectionLeases {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<string>();

  constructor(
    private readonly connect: () => pg.Client,
    private readonly onLost: (names: string[]) => void,
  ) {}

  holds(name: string): boolean {
    return this.held.has(name);
  }

  get heldNames(): string[] {
    return [...this.held];
  }

  /** Tries to take the leases of `names` (without waiting); answers the ones held now. */
  async tryAcquire(names: readonly string[]): Promise<string[]> {
    const wanted = names.filter((name) => !this.held.has(name));
    if (wanted.length > 0) {
      const client = await this.session();
      const { rows } = await client.query<{ name: string; ok: boolean }>(
        `select name, pg_try_advisory_lock($1, hashtext(name)) as ok from unnest($2::text[]) as name`,
        [LEASE_NAMESPACE, wanted],
      );
      for (const row of rows) if (row.ok) this.held.add(row.name);
    }
    return names.filter((name) => this.held.has(name));
  }

  async release(names: readonly string[]): Promise<void> {
    const held = names.filter((name) => this.held.has(name));
    if (held.length === 0 || !this.client) return;
    for (const name of held) this.held.delete(name);
    await this.client
      .query(`select pg_advisory_unlock($1, hashtext(name)) from unnest($2::text[]) as name`, [
        LEASE_NAMESPACE,
        held,
      ])
      .catch(() => undefined);
  }

  /** Releases every lease (closing the session releases the locks). */
  async close(): Promise<void> {
    this.held.clear();
    const client = this.client;
    this.client = null;
    this.connecting = null;
    if (client) await client.end().catch(() => undefined);
  }

  private session(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = this.connect();
      const lost = (): void => {
        if (this.client !== client) return;
        this.client = null;
        this.connecting = null;
        const names = [...this.held];
        this.held.clear();
        if (names.length > 0) this.onLost(names);
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
      } catch (error) {
        this.connecting = null;
        throw error;
      }
      this.client = client;
      return client;
    })();
    return this.connecting;
  }
}
