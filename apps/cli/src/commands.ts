import { SingleBar, Presets } from 'cli-progress';
import {
  createEventStore,
  protectPersonalData,
  runChainCheckpointMigrations,
  runEventStoreMigrations,
  type PersonalDataEventStore,
} from '#event-store';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  CommandService,
  RULE_CHOICES,
  UserAdmin,
  importPlanDocument,
  systemContext,
  type RuleChoice,
} from '#commands';
import { PERSONAL_DATA_POLICY, USER_ROLES, type UserRole } from '#domain';
import { IdentityStore, runIdentityMigrations } from '#identity';
import {
  createGuardedPool,
  loadConfig,
  loadDocumentReader,
  loadPersonalDataSecret,
  redact,
  resolveDatabase,
  type ResolvedDatabase,
} from '#platform';
import { outboxProjection, runNotificationMigrations } from '#notifications';
import {
  ReadModelQueries,
  createProjectionRunner,
  createReadModelProjections,
  runReadModelMigrations,
  type ProjectionRunner,
} from '#read-models';

export interface Session {
  database: ResolvedDatabase;
  runner: ProjectionRunner;
  /** reveals personal fields on read and encrypts them on append, like the api (docs/privacy.md) */
  store: PersonalDataEventStore;
  identity: IdentityStore;
  reads: ReadModelQueries;
  close(): Promise<void>;
}

/** Opens the configured database (external or embedded), migrated, with a projection runner that is not started. */
async function open(): Promise<Session> {
  const config = loadConfig();
  const database = await resolveDatabase(config, (line) => console.error(line));
  // with KurrentDB keeping the events, PostgreSQL still keeps the checkpoints and the personal data keys
  if (config.eventStore === 'postgres') await runEventStoreMigrations(database.url);
  else await runChainCheckpointMigrations(database.url);
  await runReadModelMigrations(database.url);
  await runNotificationMigrations(database.url);
  await runIdentityMigrations(database.url);
  const pool = createGuardedPool({ connectionString: database.url, max: 4 }, (line) => console.error(line));
  const store = protectPersonalData(createEventStore(config, database.url), {
    pool,
    masterSecret: await loadPersonalDataSecret(config),
    policy: PERSONAL_DATA_POLICY,
  });
  // election: a rebuild is refused while a projector (or an api) runs the projection, instead of racing it
  // the same projections as the api and the projector, the notification outbox included: its rebuild keeps
  // the outbox (keyed by event and recipient), so it never sends a mail again (docs/notifications.md)
  const runner = createProjectionRunner({
    store,
    pool,
    election: true,
    projections: [...createReadModelProjections(), outboxProjection()],
  });
  return {
    database,
    runner,
    store,
    identity: new IdentityStore(pool),
    reads: new ReadModelQueries(pool),
    close: async () => {
      await runner.stop();
      await store.close();
      await pool.end();
      await database.embedded?.stop();
    },
  };
}

/** Runs `work` on an opened session and closes it, also when `work` fails. */
export async function withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
  const session = await open();
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

export async function migrateCommand(): Promise<void> {
  await withSession(({ database }) => {
    console.log(`migrations applied to ${redact(database.url)}`);
    return Promise.resolve();
  });
}

export async function statusCommand(): Promise<void> {
  await withSession(async ({ runner }) => {
    const rows = await runner.status();
    console.table(rows.map(({ name, position, lag }) => ({ name, position, lag })));
  });
}

export async function rebuildCommand(names: string[]): Promise<void> {
  await withSession(async ({ runner }) => {
    const target = names.length === 0 ? 'all' : names;
    const bar = new SingleBar(
      {
        format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {rate} events/s',
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    let started = false;
    const result = await runner.rebuild(target, (progress) => {
      const total = progress.total ?? progress.done;
      const rate = Math.round(progress.done / Math.max(progress.elapsedMs / 1000, 0.001));
      if (!started) {
        bar.start(total, progress.done, { rate });
        started = true;
      }
      bar.setTotal(Math.max(total, progress.done));
      bar.update(progress.done, { rate });
    });
    if (started) bar.stop();
    console.log(
      `rebuilt ${result.projections.join(', ')}: ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s ` +
        `(${Math.round(result.eventsPerSecond)} events/s), now at ${result.position}`,
    );
  });
}

export interface CreateUserOptions {
  tenant: string;
  tenantName?: string;
  email: string;
  name: string;
  role: string;
  password?: string;
  partner?: string;
}

/**
 * Creates a user; with `--tenant-name` it first creates the tenant if it does not exist (the first
 * administrator of a new city). The password comes from --password or the USER_PASSWORD environment variable.
 */
export async function createUserCommand(options: CreateUserOptions): Promise<void> {
  const password = options.password ?? process.env.USER_PASSWORD;
  if (!password)
    throw new Error('give the password with --password or the USER_PASSWORD environment variable');
  if (!(USER_ROLES as readonly string[]).includes(options.role)) {
    throw new Error(`--role must be one of ${USER_ROLES.join(', ')}`);
  }
  await withSession(async ({ store, identity }) => {
    const admin = new UserAdmin(store, identity);
    const context = systemContext(options.tenant);
    if (options.tenantName && (await store.streamVersion(`tenant-${options.tenant}`)) === 0) {
      await admin.createTenant(options.tenant, options.tenantName, false, context);
      console.log(`tenant ${options.tenant} (${options.tenantName}) created`);
    }
    const result = await admin.register(
      {
        email: options.email,
        name: options.name,
        role: options.role as UserRole,
        partnerId: options.partner ?? null,
        password,
      },
      context,
    );
    console.log(`user ${options.email} (${options.role}) created in tenant ${options.tenant}: ${result.id}`);
  });
}

export interface ImportOptionsCli {
  as: string;
  dryRun?: boolean;
  plan?: string;
  rules?: string;
}

/**
 * The text of a plan document on disk: PDF, Word (DOCX), TXT or MD, read by the same reader as the api's upload
 * (headings, bold and lists kept); a file it cannot read stops the command with the reader's reason.
 */
async function documentFileText(file: string): Promise<string> {
  const buffer = await readFile(file).catch((error: unknown) => {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const reader = await loadDocumentReader();
  if (buffer.length > reader.MAX_DOCUMENT_BYTES)
    throw new Error(`${file} is larger than ${reader.MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
  try {
    const document = await reader.documentText({
      buffer,
      originalname: basename(file),
      // a file without a known extension is read as text when it is valid UTF-8, as before
      mimetype: /\.(?:pdf|docx)$/i.test(file) ? 'application/octet-stream' : 'text/plain',
      size: buffer.length,
    });
    return document.text;
  } catch (error) {
    if (error instanceof reader.DocumentError)
      throw new Error(`${file}: ${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Imports a plan document as the given coordinator (the import stands in the history under her name), with a
 * progress bar; `--dry-run` prints what it found and every line it could not place, and writes nothing.
 */
export async function importCommand(file: string, options: ImportOptionsCli): Promise<void> {
  const text = await documentFileText(file);
  const rules = (options.rules ?? 'auto') as RuleChoice;
  if (!RULE_CHOICES.includes(rules)) {
    throw new Error(`--rules must be one of ${RULE_CHOICES.join(', ')}`);
  }
  await withSession(async ({ store, identity }) => {
    const account = await identity.findByEmail(options.as);
    if (!account || account.role !== 'coordinator' || account.disabled) {
      throw new Error(`--as must name an active coordinator (${options.as} is not one)`);
    }
    const bar = new SingleBar(
      { format: 'import [{bar}] {percentage}% | {value}/{total} commands', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    const report = await importPlanDocument(
      new CommandService(store),
      text,
      systemContext(account.tenantId, account.userId),
      {
        planId: options.plan,
        dryRun: options.dryRun ?? false,
        rules,
        onProgress: (done, total) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        },
      },
    );
    if (started) bar.stop();
    console.log(
      `${report.dryRun ? 'found' : 'imported'} "${report.title}" (rules: ${report.rules}, confidence ${Math.round(report.confidence * 100)}%): ${report.stats.themes} themes, ${report.stats.goals} goals, ${report.stats.actions} actions`,
    );
    if (report.dryRun) {
      for (const theme of report.tree) {
        console.log(`  ${theme.code} ${theme.title}`);
        for (const goal of theme.goals)
          console.log(`    ${goal.code} ${goal.title} (${goal.actions} actions)`);
      }
    }
    const counts = new Map<string, number>();
    for (const change of report.changes)
      counts.set(`${change.kind} ${change.change}`, (counts.get(`${change.kind} ${change.change}`) ?? 0) + 1);
    for (const [what, n] of counts) console.log(`  ${n} × ${what}`);
    for (const change of report.changes.filter((c) => c.change === 'disappeared')) {
      console.log(`  no longer in the document (kept, not deleted): action ${change.code}`);
    }
    for (const line of report.unplaced)
      console.log(`  line ${line.line} not placed (${line.reason}): ${line.text.slice(0, 100)}`);
    if (!report.dryRun) console.log(`plan ${report.planId}`);
  });
}
