import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { EventStore } from '#event-store';
import { CheckpointMovedError, type ReadModelQueries } from '#read-models';
import { CommandService, systemContext } from '#commands';
import {
  TRANSFER_FORMATS,
  exportActions,
  importActionFile,
  loadActionTransferRows,
  partnerNameResolver,
  type TransferFormat,
} from '#transfer';
import { withSession } from './commands.js';

interface TransferSession {
  store: EventStore;
  reads: ReadModelQueries;
}

/**
 * A CLI session whose read models are first brought up to the head of the log: the export and the partner
 * names read them. When another process (the api or the projector) is projecting live, its checkpoints move
 * under us; the read models are then current anyway.
 */
function withTransferSession<T>(work: (session: TransferSession) => Promise<T>): Promise<T> {
  return withSession(async ({ runner, store, reads }) => {
    try {
      await runner.catchUp();
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) throw error;
    }
    return work({ store, reads });
  });
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
