// What every admin command shares: where it reads and writes (the process's streams and
// environment, or a test's), the server's configuration and services, quiet logs, and the error
// type commands throw. program.ts translates errors into one line on stderr and an exit code.
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config/index.js';
import { createLogger } from '../logging.js';
import { hasTables } from '../database/existing.js';
import { describeDatabase } from '../database/where.js';
import type { Services } from '../services.js';

export type { Services };

/**
 * The CLI's whole outside world. The real entry point passes the process's; tests pass their own,
 * so a command runs in-process exactly as an administrator's shell would see it.
 */
export interface CliIo {
  /** The variables loadConfig reads (the CLI reads the environment nowhere else). */
  env: Record<string, string | undefined>;
  /** Where `--password-stdin` reads from, or a terminal the password is typed at (raw mode: no echo). */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export function processIo(): CliIo {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

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

export interface CliContext {
  config: Readonly<Config>;
  logger: Logger;
}

/** What a command's action is given: its configuration and services, and where to print. */
export class Cli {
  constructor(readonly io: CliIo) {}

  /** The configuration and logger, for commands that need no database (migrate). */
  context(command: Command): CliContext {
    const config = loadConfig(this.io.env);
    const verbose = Boolean(command.optsWithGlobals().verbose);
    // Logs go to stderr so `--json` output on stdout stays parseable; silent unless asked for.
    const level = !verbose ? 'silent' : ['debug', 'trace'].includes(config.logLevel) ? config.logLevel : 'info';
    return { config, logger: createLogger(level, this.io.stderr, config.logFormat) };
  }

  /**
   * Runs `fn` with the same services the server uses (migrated database, keys), then closes them.
   * Only on a database that has tables already: an empty one is not the server's.
   */
  async withServices<T>(command: Command, fn: (services: Services, context: CliContext) => Promise<T>): Promise<T> {
    const context = this.context(command);
    if (!(await hasTables(context.config.database)))
      throw new CliError(
        `${describeDatabase(context.config.database)} has no Twofold tables, so it is not your server's database: run this command with the DATA_DIR (or DATABASE_URL) the server uses, from the folder the server runs in; to create a new database here on purpose, run "twofold migrate" first`,
        2,
      );
    const { openServices } = await loadServices();
    const services = await openServices(context.config, context.logger);
    try {
      return await fn(services, context);
    } finally {
      await services.protocolStore.close();
      await services.db.$disconnect();
    }
  }

  print(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  /** One line of JSON, for scripts (`jq` makes it pretty). */
  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Left-aligned columns for list output; the first row is the header. */
  printTable(rows: string[][]): void {
    const width = (i: number) => Math.max(...rows.map((row) => Array.from(row[i] ?? '').length));
    const widths = (rows[0] ?? []).map((_, i) => width(i));
    for (const row of rows)
      this.print(
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
          .join('  ')
          .trimEnd(),
      );
  }
}
