// What every admin command shares: the server's configuration and services, quiet logs, and the
// error type commands throw. main.ts translates errors into one line on stderr and an exit code.
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config/index.js';
import { createLogger } from '../logging.js';
import type { Services } from '../services.js';

export type { Services };

// oidc-provider prints a warning on stderr when it is imported on Node older than 22 LTS (our
// engines allow 20.19). After an admin command that line would read like an error, so the CLI
// loads the service modules without it; every other warning still shows.
async function loadServices(): Promise<typeof import('../services.js')> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('oidc-provider WARNING: Unsupported runtime')) warn(...args);
  };
  try {
    return await import('../services.js');
  } finally {
    console.warn = warn;
  }
}

/** A refusal with a message for the administrator; exit code 1 (bad input) or 2 (usage). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

// Logs go to stderr so `--json` output on stdout stays parseable; silent unless asked for.
function cliLogger(config: Readonly<Config>, verbose: boolean): Logger {
  const level = !verbose ? 'silent' : ['debug', 'trace'].includes(config.logLevel) ? config.logLevel : 'info';
  return createLogger(level, process.stderr);
}

export interface CliContext {
  config: Readonly<Config>;
  logger: Logger;
}

/** The configuration and logger, for commands that need no database (migrate). */
export function cliContext(command: Command): CliContext {
  const config = loadConfig();
  const verbose = Boolean(command.optsWithGlobals().verbose);
  return { config, logger: cliLogger(config, verbose) };
}

/** Runs `fn` with the same services the server uses (migrated database, keys), then closes them. */
export async function withServices<T>(
  command: Command,
  fn: (services: Services, context: CliContext) => Promise<T>,
): Promise<T> {
  const context = cliContext(command);
  const { openServices } = await loadServices();
  const services = await openServices(context.config, context.logger);
  try {
    return await fn(services, context);
  } finally {
    await services.protocolStore.close();
    await services.db.$disconnect();
  }
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** One line of JSON, for scripts (`jq` makes it pretty). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Left-aligned columns for list output; the first row is the header. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => Array.from(row[i] ?? '').length)));
  for (const row of rows)
    print(
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
}
