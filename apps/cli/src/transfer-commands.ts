import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import { loadConfig, resolveDatabase } from '#platform';
import {
  CheckpointMovedError,
  ReadModelQueries,
  createProjectionRunner,
  runReadModelMigrations,
} from '#read-models';
import {
  CommandService,
  TRANSFER_FORMATS,
  exportActions,
  importActionFile,
  loadActionTransferRows,
  partnerNameResolver,
  systemContext,
  type TransferFormat,
} from '#commands';

interface TransferSession {
  store: PostgresEventStore;
  reads: ReadModelQueries;
}

/**
 * Opens the configured database like commands.ts does (migrated), and brings the read models up to the head
 * of the log first: the export and the partner names read them. When another process (the api or the
 * projector) is projecting live, its checkpoints move under us; the read models are then current anyway.
 * TODO(merge): replace with commands.ts's `withSession` once it is exported.
 */
async function withTransferSession<T>(work: (session: TransferSession) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await resolveDatabase(config, (line) => console.error(line));
  const store = new PostgresEventStore(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    await runEventStoreMigrations(database.url);
    await runReadModelMigrations(database.url);
    const runner = createProjectionRunner({ store, pool });
    try {
      await runner.catchUp();
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) throw error;
    } finally {
      await runner.stop();
    }
    return await work({ store, reads: new ReadModelQueries(pool) });
  } finally {
    await store.close();
    await pool.end();
    await database.embedded?.stop();
  }
}

function formatOf(format: string | undefined, file?: string): TransferFormat {
  const chosen = format ?? (file && extname(file).toLowerCase() === '.json' ? 'json' : 'csv');
  if (!(TRANSFER_FORMATS as readonly string[]).includes(chosen)) {
    throw new Error(`--format must be one of ${TRANSFER_FORMATS.join(', ')}`);
  }
  return chosen as TransferFormat;
}

export interface ExportOptions {
  tenant: string;
  /** csv (default) or json; default from the extension of --out */
  format?: string;
  /** file to write; without it the file goes to standard output */
  out?: string;
}

/** `export <planId> --tenant <id> [--format csv|json] [--out file]`: the plan's actions as a file. */
export async function exportCommand(planId: string, options: ExportOptions): Promise<void> {
  const format = formatOf(options.format, options.out);
  await withTransferSession(async ({ reads }) => {
    const rows = await loadActionTransferRows(reads, options.tenant, planId);
    if (!rows) throw new Error(`no plan ${planId} in tenant ${options.tenant}`);
    const text = exportActions(rows, format);
    if (options.out) {
      await writeFile(options.out, text, 'utf8');
      console.error(`${rows.length} actions of plan ${planId} written to ${options.out} (${format})`);
    } else {
      process.stdout.write(text);
    }
  });
}

export interface ImportActionsOptions {
  planId: string;
  tenant: string;
  /** csv or json; default from the file's extension (.json is json, anything else csv) */
  format?: string;
  dryRun?: boolean;
}

/**
 * `import-actions <file> --plan <id> --tenant <id> [--format csv|json] [--dry-run]`: checks every row, prints
 * each invalid one as `line N, field: message` and fails without writing anything; otherwise imports them
 * (as the System actor) with a progress bar.
 */
export async function importActionsCommand(file: string, options: ImportActionsOptions): Promise<void> {
  const format = formatOf(options.format, file);
  const content = await readFile(file, 'utf8');
  await withTransferSession(async ({ store, reads }) => {
    const partners = await reads.listPartners(options.tenant);
    const bar = new SingleBar(
      { format: 'import [{bar}] {percentage}% | {value}/{total} actions', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    const result = await importActionFile(
      { commands: new CommandService(store), store },
      options.planId,
      content,
      format,
      systemContext(options.tenant),
      {
        resolvePartner: partnerNameResolver(partners.items),
        dryRun: options.dryRun ?? false,
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
    if (result.errors.length > 0) {
      for (const error of result.errors)
        console.error(`line ${error.line}, ${error.field}: ${error.message}`);
      const rows = new Set(result.errors.map((error) => error.line)).size;
      throw new Error(`${rows} invalid row(s) in ${file}; nothing was imported`);
    }
    console.log(
      result.dryRun
        ? `dry run: ${result.total} actions checked, all valid; nothing written`
        : `${result.imported} actions imported into plan ${options.planId}`,
    );
  });
}
