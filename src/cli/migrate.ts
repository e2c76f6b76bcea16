// `twofold migrate`: applies pending migrations, as the server does at start-up; safe while
// servers run (the migration lock serialises them).
import type { Command } from 'commander';
import { migrate } from '../database/migrate.js';
import type { Cli } from './context.js';

export function addMigrateCommand(program: Command, cli: Cli): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async (_options: unknown, command: Command) => {
      const { config } = cli.context(command);
      const { applied } = await migrate(config.database);
      if (!applied.length) return cli.print('database is up to date');
      for (const name of applied) cli.print(`applied ${name}`);
    });
}
