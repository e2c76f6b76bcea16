// Reading a new account's password. Never from an argument (it would sit in the shell history and
// in `ps`). At a terminal: a prompt on stderr that echoes nothing, asked twice so a typo does not
// become the password. With `--password-stdin`: one line from a pipe, for scripts.
import { InvalidInputError } from '../accounts/errors.js';
import { CliError, type CliIo } from './context.js';

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/** How `user add` gets the password: piped (`--password-stdin`) or typed at the terminal. */
export async function readNewPassword(io: CliIo, { fromStdin }: { fromStdin: boolean }): Promise<string> {
  if (fromStdin) return readPasswordFromStdin(io.stdin);
  if (!io.stdin.isTTY || !io.stdin.setRawMode)
    throw new CliError(
      'no terminal to ask for the password: type the command at a terminal, or pipe the password with --password-stdin: printf "%s\\n" "$PASSWORD" | twofold user add EMAIL --password-stdin',
      2,
    );
  const password = await promptHidden(io, 'Password for the new account: ');
  if (!password) throw new InvalidInputError('no password typed; nothing was created');
  const again = await promptHidden(io, 'The same password again: ');
  if (again !== password) throw new InvalidInputError('the two passwords differ; nothing was created');
  return password;
}

/** One line typed at the terminal with echo off (raw mode: each key arrives as it is pressed). */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  // Echo off before the prompt shows: whatever is typed once it is on the screen stays hidden.
  stdin.setRawMode?.(true);
  stderr.write(prompt);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const key of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ENTER.has(key)) {
          done();
          return;
        }
        if (key === CTRL_C || key === CTRL_D) {
          done(new CliError('cancelled; nothing was created'));
          return;
        }
        if (BACKSPACE.has(key)) typed = Array.from(typed).slice(0, -1).join('');
        else if (key >= ' ') typed += key;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPasswordFromStdin(stdin: CliIo['stdin']): Promise<string> {
  if (stdin.isTTY) {
    throw new CliError(
      '--password-stdin reads from a pipe, not a terminal: printf "%s\\n" "$PASSWORD" | twofold user add EMAIL --password-stdin (or leave --password-stdin out to be asked)',
      2,
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new InvalidInputError('the password on stdin is not valid UTF-8');
  }
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw new InvalidInputError('no password on stdin');
  // Taking only the first line would silently set a password the administrator did not type.
  if (/[\r\n]/.test(password)) throw new InvalidInputError('the password on stdin must be a single line');
  return password;
}
