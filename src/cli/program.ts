// The admin CLI's command tree and its one error edge: every command's failure becomes one line on
// stderr (`twofold: …`) and an exit code, 1 for a refused input, 2 for a usage or configuration
// mistake, never a stack trace. main.ts runs it on the process; tests run it in-process with
// streams and an environment of their own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/index.js';
import { InvalidInputError } from '../accounts/errors.js';
import { packageRoot } from '../paths.js';
import { Cli, CliError, type CliIo } from './context.js';
import { addUserCommands } from './users.js';
import { addClientCommands } from './clients.js';
import { addKeyCommands } from './keys.js';
import { addMigrateCommand } from './migrate.js';
import { addAuditCommand } from './audit.js';

function buildProgram(io: CliIo): Command {
  const cli = new Cli(io);
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  const program = new Command('twofold')
    .description('Administer a Twofold identity provider (configured by the same environment as the server).')
    .version(version)
    .option('--verbose', 'write logs to stderr')
    // Set before adding commands so every subcommand inherits them: errors are thrown to runCli()
    // below, which prints them as one line.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // runCli prints every error itself, as one line.
      outputError: () => undefined,
    });
  addUserCommands(program, cli);
  addClientCommands(program, cli);
  addKeyCommands(program, cli);
  addMigrateCommand(program, cli);
  addAuditCommand(program, cli);
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

/** Runs `twofold …args` (the arguments after the program name); resolves with the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    const { message, code } = describe(error);
    if (message) io.stderr.write(`twofold: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  }
}
