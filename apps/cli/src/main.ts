import { Command, CommanderError } from 'commander';
import { rebuildCommand, migrateCommand, statusCommand } from './commands.js';

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
