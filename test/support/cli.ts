// Runs the real, compiled admin CLI (`node dist/src/cli/main.js`) as an administrator would, with a
// given environment and stdin. The build is refreshed first when a source file is newer than it.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const CLI = join(packageRoot, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles when dist/ is missing or older than src/ or interactions/. */
export function ensureCliBuilt(): void {
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  if (built > Math.max(newestSource(join(packageRoot, 'src')), newestSource(join(packageRoot, 'interactions')))) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: packageRoot, stdio: 'pipe' });
  } catch (error) {
    // tsc writes JavaScript even when it reports type errors; like the rest of the suite (ts-jest
    // transpile-only), these tests judge behaviour and leave types to `npm run typecheck`.
    if (!existsSync(CLI) || statSync(CLI).mtimeMs <= built) throw error;
  }
}

/** Runs `twofold …args` with exactly `env` (plus PATH) and `stdin` piped in (empty when omitted). */
export function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
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
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}
