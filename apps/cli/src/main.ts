import { Command, CommanderError } from 'commander';
import {
  createUserCommand,
  importCommand,
  rebuildCommand,
  migrateCommand,
  statusCommand,
} from './commands.js';
import { exportCommand, importActionsCommand } from './transfer-commands.js';
import { checkpointCommand, verifyCommand } from './verify-commands.js';
import { eraseCommand } from './erase-command.js';

/**
 * Admin commands: `npm run cli -- <command>`. Every command exits non-zero on failure with a message
 * saying what went wrong. The database is DATABASE_URL, or the embedded one under DATA_DIR.
 */
const program = new Command()
  .name('backbone')
  .description('Admin commands of the social policy backbone')
  .exitOverride()
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply the event store and read-model migrations')
  .action(migrateCommand);

program
  .command('rebuild')
  .description('rebuild read models from zero by replaying the event log (all when none is named)')
  .argument('[projections...]', 'names of the projections to rebuild (see `status`)')
  .action(rebuildCommand);

program
  .command('status')
  .description('show every projection with its position and lag')
  .action(statusCommand);

program
  .command('create-admin')
  .description('create the first coordinator of a tenant (and the tenant itself when it does not exist)')
  .requiredOption('--tenant <id>', 'tenant id, e.g. brugge')
  .requiredOption('--tenant-name <name>', 'the name people read, e.g. "Stad Brugge"')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .option('--password <password>', 'or set USER_PASSWORD')
  .action((options: { tenant: string; tenantName: string; email: string; name: string; password?: string }) =>
    createUserCommand({ ...options, role: 'coordinator' }),
  );

program
  .command('create-user')
  .description('create a user in an existing tenant')
  .requiredOption('--tenant <id>')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--role <role>', 'coordinator, member, partner or viewer')
  .option('--partner <partnerId>', 'the partner organisation (required for the partner role)')
  .option('--password <password>', 'or set USER_PASSWORD')
  .action(createUserCommand);

program
  .command('import')
  .description(
    'import a plan document (text) as a coordinator; --plan re-imports a newer version into a plan',
  )
  .argument('<file>', 'the plan as text, e.g. extracted from its PDF')
  .requiredOption('--as <email>', 'the coordinator the import stands in the history under')
  .option('--dry-run', 'show what would be imported and every line that could not be placed')
  .option(
    '--plan <planId>',
    'update this plan: edits for what changed, new actions added, disappeared ones reported',
  )
  .option('--rules <rules>', 'auto, bruges, strategic-operational, bbc or themes-goals', 'auto')
  .action(importCommand);

program
  .command('export-actions')
  .description("write a plan's actions (not archived) as CSV or JSON, sorted by code")
  .argument('<planId>')
  .requiredOption('--tenant <id>')
  .option('--format <format>', 'csv or json (default: from --out, else csv)')
  .option('--out <file>', 'write to this file instead of standard output')
  .action((planId: string, options: { tenant: string; format?: string; out?: string }) =>
    exportCommand(planId, options),
  );

program
  .command('import-actions')
  .description(
    'import actions from a CSV or JSON file into a plan whose goals exist; nothing is written when a row is invalid',
  )
  .argument('<file>')
  .requiredOption('--plan <planId>')
  .requiredOption('--tenant <id>')
  .option('--format <format>', 'csv or json (default: from the file extension)')
  .option('--dry-run', 'check every row, write nothing')
  .action((file: string, o: { plan: string; tenant: string; format?: string; dryRun?: boolean }) =>
    importActionsCommand(file, { planId: o.plan, tenant: o.tenant, format: o.format, dryRun: o.dryRun }),
  );

program
  .command('verify')
  .description(
    'recompute the hash chain of the event log and compare it with the checkpoints; exit code 1 when an event was changed, removed or reordered',
  )
  .option('--tenant <id>', 'only this tenant (default: every tenant)')
  .option('--from-checkpoint', "start at each tenant's latest checkpoint instead of the beginning of the log")
  .option('--json', 'print the report as JSON')
  .action(async (options: { tenant?: string; fromCheckpoint?: boolean; json?: boolean }) => {
    await verifyCommand(options);
  });

program
  .command('checkpoint')
  .description("record a checkpoint of a tenant's log now (head hash, position, count) and print it")
  .requiredOption('--tenant <id>')
  .action(async (options: { tenant: string }) => {
    await checkpointCommand(options);
  });

program
  .command('erase')
  .description(
    "erase a data subject's personal data (a disabled user with the free text she wrote, a guest by name, a signal's reporter) or one free-text item: deletes their keys and records ErasureRecorded",
  )
  .requiredOption('--tenant <id>')
  .option('--user <id>', 'a disabled account')
  .option('--guest <name>', 'a guest, by the name she attended meetings under')
  .option('--signal <id>', 'the signal whose reporter is erased')
  .option(
    '--text <aggregate/id@version>',
    'one free-text item: the text the change at that version of an action, signal, meeting, period, indicator, plan or working-group wrote (e.g. action/<id>@7)',
  )
  .requiredOption(
    '--ground <ground>',
    'the legal ground: no-longer-necessary, consent-withdrawn, objection, ...',
  )
  .option('--as <userId>', 'who erases (recorded as the actor; default: the system)')
  .action(
    async (options: {
      tenant: string;
      user?: string;
      guest?: string;
      signal?: string;
      text?: string;
      ground: string;
      as?: string;
    }) => {
      await eraseCommand(options);
    },
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
