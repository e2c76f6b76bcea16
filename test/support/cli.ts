// The admin CLI in two ways. runCli: the CLI's program in this process, with streams and an
// environment of its own, exactly what the administrator's shell would show (exit code, stdout,
// stderr), in milliseconds; what almost every test uses. spawnCli: the compiled `twofold` as its own
// process (`node dist/src/cli/main.js`), for what only a process shows: the exit status the shell
// sees, a real pipe on stdin, and that nothing (a stack trace, a warning) escapes onto stderr.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { packageRoot } from '../../src/paths.js';
import { runCli as runProgram } from '../../src/cli/program.js';

const CLI = join(packageRoot, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Text written to it, as a terminal or a pipe would receive it. */
class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * `twofold …args` run in-process with exactly `env` as its environment and `stdin` piped in (empty
 * when omitted). Arguments reach it as a process's argv would carry them: as UTF-8, so a lone
 * surrogate arrives as U+FFFD.
 */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  stdin: string | Buffer = '',
): Promise<CliResult> {
  const stdout = new Captured();
  const stderr = new Captured();
  const argv = args.map((arg) => Buffer.from(arg, 'utf8').toString('utf8'));
  const code = await runProgram(argv, { env, stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** `twofold …args` as its own process, with exactly `env` (plus PATH) and `stdin` piped in. */
export function spawnCli(args: string[], env: Record<string, string>, stdin: string | Buffer = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: packageRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A command that fails before reading stdin closes the pipe; that is not the test's failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}
