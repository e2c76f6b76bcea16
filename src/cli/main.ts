#!/usr/bin/env node
// `twofold`: the admin CLI. Same configuration and services as the server, safe to run while servers
// run on the same database. Errors end here: one line on stderr (`twofold: …`), exit code 1 for a
// refused input, 2 for a usage or configuration mistake, never a stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/index.js';
import { InvalidInputError } from '../accounts/errors.js';
import { packageRoot } from '../paths.js';
import { CliError } from './context.js';
import { addUserCommands } from './users.js';
import { addClientCommands } from './clients.js';
import { addKeyCommands } from './keys.js';
import { addMigrateCommand } from './migrate.js';
import { addAuditCommand } from './audit.js';

function buildProgram(): Command {
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  const program = new Command('twofold')
    .description('Administer a Twofold identity provider (configured by the same environment as the server).')
    .version(version)
    .option('--verbose', 'write logs to stderr')
    // Set before adding commands so every subcommand inherits them: errors are thrown to run()
    // below, which prints them as one line.
    .exitOverride()
    .configureOutput({
      outputError: () => {
        // run() prints the error itself, as one line
      },
    });
  addUserCommands(program);
  addClientCommands(program);
  addKeyCommands(program);
  addMigrateCommand(program);
  addAuditCommand(program);
  // Generated from the command tree, so the overview cannot drift from what exists.
  program.addHelpText('after', () => {
    const lines = program.commands.flatMap((group) =>
      group.commands.length
        ? group.commands.map((c) => `  twofold ${group.name()} ${c.name()} ${c.usage()}`)
        : [`  twofold ${group.name()} ${group.usage()}`],
    );
    return `\nAll commands:\n${lines.join('\n')}\n\nRun "twofold <command> --help" for details.`;
  });
  return program;
}

/** The message and exit code for anything a command threw. */
function describe(error: unknown): { message: string; code: number } {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0; a missing subcommand printed help and
    // is a usage mistake.
    if (error.exitCode === 0) return { message: '', code: 0 };
    if (error.code === 'commander.help') return { message: '', code: 2 };
    return { message: error.message.replace(/^error: /, ''), code: 2 };
  }
  if (error instanceof ConfigError) return { message: `configuration error: ${error.message}`, code: 2 };
  if (error instanceof CliError) return { message: error.message, code: error.exitCode };
  if (error instanceof InvalidInputError) return { message: error.message, code: 1 };
  // Anything else (an unreachable database, a failed migration): the cause, without the stack.
  // Prisma's messages start with the call site and end with the cause, hence the last line.
  const lines = (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { message: lines.at(-1) ?? 'unexpected error', code: 1 };
}

async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    const { message, code } = describe(error);
    if (message) process.stderr.write(`twofold: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  }
}

// Exit explicitly: a database pool or timer left behind must not keep an admin's shell waiting.
process.exit(await run(process.argv));
