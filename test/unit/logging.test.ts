// What an operator reads in the log, and what an attacker who gets the log does not: error codes
// (EADDRINUSE, Prisma's, PostgreSQL's) show as they are; passwords, secrets, tokens, and the codes
// a person or a client sent (a TOTP code, an authorization code) are redacted.
import { Writable } from 'node:stream';
import { batchedLines } from '../../src/log-batches.js';
import { createLogger } from '../../src/logging.js';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown> {
  let line = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      line += chunk.toString();
      done();
    },
  });
  write(createLogger('info', destination));
  return JSON.parse(line) as Record<string, unknown>;
}

describe('log redaction', () => {
  it('shows the code of an error: a port in use, a Prisma error, a PostgreSQL error', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000'), {
      code: 'EADDRINUSE',
    });
    expect(logged((logger) => logger.fatal({ err: inUse }, 'start-up failed')).err).toEqual(
      expect.objectContaining({ code: 'EADDRINUSE', message: expect.stringContaining('EADDRINUSE') }),
    );
    const prisma = Object.assign(new Error('Unique constraint failed'), { code: 'P2002' });
    expect(logged((logger) => logger.error({ err: prisma }, 'x')).err).toEqual(
      expect.objectContaining({ code: 'P2002' }),
    );
    const pg = Object.assign(new Error('duplicate key value'), { code: '23505' });
    expect(logged((logger) => logger.error({ err: pg, code: pg.code }, 'x'))).toEqual(
      expect.objectContaining({ code: '23505', err: expect.objectContaining({ code: '23505' }) }),
    );
  });

  it('hides passwords, secrets and tokens at the top of a line and one level down', () => {
    const line = logged((logger) =>
      logger.info(
        {
          password: 'hunter2 hunter2',
          client_secret: 'cs-123',
          request: { password: 'pw-1', refresh_token: 'rt-1', code_verifier: 'cv-1', access_token: 'at-1' },
          account: { secret: 'JBSWY3DPEHPK3PXP' },
        },
        'x',
      ),
    );
    expect(JSON.stringify(line)).not.toMatch(/hunter2|cs-123|pw-1|rt-1|cv-1|at-1|JBSWY3DPEHPK3PXP/);
    expect(line.password).toBe('[redacted]');
  });

  it('hides the codes a person or a client sent, and the credentials in request headers', () => {
    const line = logged((logger) =>
      logger.info(
        {
          body: { code: '123456', email: 'ada@example.com' },
          req: { query: { code: 'authz-code-1', state: 's' }, headers: { authorization: 'Basic abc', cookie: 'c=1' } },
        },
        'x',
      ),
    );
    expect(JSON.stringify(line)).not.toMatch(/123456|authz-code-1|Basic abc|c=1/);
    expect(line.body).toEqual({ code: '[redacted]', email: 'ada@example.com' });
  });
});

describe('LOG_FORMAT=pretty', () => {
  const linesOf = (write: (logger: ReturnType<typeof createLogger>) => void): string[] => {
    let text = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    write(createLogger('info', destination, 'pretty'));
    return text.split('\n').filter(Boolean);
  };

  it('writes one readable line per event: time, level, message, fields', () => {
    const [line, ...rest] = linesOf((logger) =>
      logger.info({ port: 3000, database: 'the SQLite file /srv/data/twofold.db' }, 'twofold listening'),
    );
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}twofold listening port=3000 database="the SQLite file \/srv\/data\/twofold.db"$/,
    );
  });

  it('puts an error’s message and stack under its line, and still redacts secrets', () => {
    const failure = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    const lines = linesOf((logger) => logger.error({ err: failure, password: 'hunter2', reqId: 'r1' }, 'failed'));
    expect(lines[0]).toMatch(/^\S+ ERROR failed password=\[redacted\] reqId=r1$/);
    expect(lines[1]).toBe('  Error: listen EADDRINUSE');
    expect(lines.slice(2).every((line) => line.startsWith('      at '))).toBe(true);
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});

describe('standard output’s batches', () => {
  const line = (n: number, size = 100) => `${String(n).padStart(4, '0')}${'x'.repeat(size - 5)}\n`;
  const recorder = () => {
    const writes: string[] = [];
    return { writes, out: { write: (text: string) => writes.push(text) } };
  };

  it('leaves in order, in writes of at most 4,096 bytes, a longer line alone and whole', () => {
    const { writes, out } = recorder();
    const lines = batchedLines(out);
    const sent = [...Array.from({ length: 100 }, (_, n) => line(n)), line(100, 6000), line(101), line(102)];
    for (const text of sent) lines.write(text);
    lines.flushSync();
    expect(writes.join('')).toBe(sent.join(''));
    expect(writes.filter((text) => text.length > 4096)).toEqual([line(100, 6000)]);
    // 40 lines of 100 bytes fill a write: 100 lines take three, then the long one, then the rest.
    expect(writes.map((text) => text.length)).toEqual([4000, 4000, 2000, 6000, 200]);
  });

  it('writes a lone line within the wait, and nothing twice', async () => {
    const { writes, out } = recorder();
    const lines = batchedLines(out, 4096, 20);
    lines.write(line(1));
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toEqual([line(1)]);
    lines.flushSync();
    lines.write(line(2));
    lines.flushSync();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toEqual([line(1), line(2)]);
  });
});
