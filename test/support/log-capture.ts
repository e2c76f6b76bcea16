// The server's log as an operator reads it: every JSON line it wrote, kept in memory. Pass it as
// startTwofold's `logTo` (with LOG_LEVEL set: tests are silent by default).
import { Writable } from 'node:stream';

export class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }

  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
