// Reading a password for `--password-stdin`. Never from an argument (it would sit in the shell
// history and in `ps`), never from a terminal (nothing would hide the typing): from a pipe only.
import { InvalidInputError } from '../accounts/errors.js';
import { CliError, type CliIo } from './context.js';

export async function readPasswordFromStdin(stdin: CliIo['stdin']): Promise<string> {
  if (stdin.isTTY) {
    throw new CliError(
      '--password-stdin reads from a pipe, not a terminal: printf "%s\\n" "$PASSWORD" | twofold user add EMAIL --password-stdin',
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
