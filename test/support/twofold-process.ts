// Runs the real server process (`node dist/src/main.js` with the Node options of `npm start`, which
// the process project's globalSetup builds), as an operator or an orchestrator would, with exactly
// the given environment (plus PATH).
// Its JSON log lines are collected so a test can wait for "twofold listening" or "stopping", and
// learn the port it bound (PORT=0 picks one).
import { spawn, type ChildProcess, type ChildProcessByStdio, type StdioOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { testTime } from './clock.js';
import { START_ENV, START_FLAGS } from './start-flags.js';

const MAIN = join(packageRoot, 'dist', 'src', 'main.js');

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface TwofoldProcess {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:<port>: this very process, whatever ISSUER says. */
  origin: string;
  logs: LogLine[];
  /** What the process wrote on stderr, minus oidc-provider's note about Node 20. */
  stderr(): string;
  /** Resolves with the first log line (already seen or still to come) that matches. */
  waitForLog(match: (line: LogLine) => boolean, ms?: number): Promise<LogLine>;
  /** Resolves when the process has exited and its output is read to the end. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (for cleanup after a failed test). */
  kill(): Promise<void>;
}

/**
 * The server as `npm start` runs it, on 127.0.0.1 (PORT=0 unless `env` says), logging at info
 * whatever the environment says (the tests read the log), its output where `stdio` says.
 */
export function spawnServer(env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  // Its codes follow the system clock: from now on this file's test time passes for real.
  testTime.keepReal();
  return spawn(process.execPath, [...START_FLAGS, MAIN], {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? '', ...START_ENV, HOST: '127.0.0.1', PORT: '0', ...env, LOG_LEVEL: 'info' },
    stdio,
  });
}

export async function spawnTwofold(env: Record<string, string>): Promise<TwofoldProcess> {
  const child = spawnServer(env, ['ignore', 'pipe', 'pipe']) as ChildProcessByStdio<null, Readable, Readable>;
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 0, msg: line });
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': once the process has exited and its output is closed, every line it wrote
  // is in `logs` (the last ones may arrive after 'exit').
  let closed = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      closed = true;
      for (const wake of waiters) wake();
      resolve({ code, signal });
    });
  });

  const waitForLog = (match: (line: LogLine) => boolean, ms = 30_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const found = logs.find(match);
        if (found) {
          done(() => resolve(found));
          return;
        }
        if (closed) {
          done(() =>
            reject(
              new Error(
                `twofold exited (${child.exitCode ?? child.signalCode}) before the log line; stderr:\n${stderr}\nlogs:\n${JSON.stringify(logs)}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(new Error(`timed out waiting for a log line; logs:\n${JSON.stringify(logs)}\nstderr:\n${stderr}`)),
          ),
        ms,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  try {
    const listening = await waitForLog((line) => line.msg === 'twofold listening');
    const port = Number(listening.port);
    const otherStderr = () => stderr.replace(/^oidc-provider WARNING: Unsupported runtime.*\n/m, '');
    return { child, port, origin: `http://127.0.0.1:${port}`, logs, stderr: otherStderr, waitForLog, exited, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
