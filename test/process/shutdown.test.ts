// On SIGTERM the real server process stops taking connections, lets the request it is serving
// finish, does not wait for idle keep-alive connections, closes its pools and exits 0 within 10 s,
// as an orchestrator rolling out a new version expects.
import { request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { freshEnvironment } from '../support/databases.js';
import { runCli } from '../support/cli.js';
import { spawnTwofold, type TwofoldProcess } from '../support/twofold-process.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A keep-alive connection that asked for /healthz once and now sits idle, open. */
async function idleKeepAlive(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const answered = new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString())));
  socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  expect(await answered).toMatch(/^HTTP\/1\.1 200/);
  return { socket, closed };
}

/**
 * A token request whose headers and part of whose body are sent; `finish()` sends the rest.
 * `inFlight` resolves once the server has parsed the headers (it answers `Expect: 100-continue`
 * only then), so the request is provably being served, not waiting on an idle socket.
 */
function slowTokenRequest(port: number, clientId: string, secret: string) {
  const body = 'grant_type=client_credentials&scope=';
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/token',
    agent: false,
    headers: {
      authorization: basic(clientId, secret),
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
    },
  });
  const response = new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) as Record<string, unknown> }));
    });
  });
  const inFlight = new Promise<void>((resolve) =>
    req.once('continue', () => {
      req.write(body.slice(0, 12));
      resolve();
    }),
  );
  req.flushHeaders();
  return { response, inFlight, finish: () => req.end(body.slice(12)), abandon: () => req.destroy() };
}

async function refused(origin: string): Promise<string> {
  try {
    await fetch(`${origin}/healthz`);
    return 'answered';
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code);
  }
}

describe('graceful shutdown of the server process', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let secret: string;
  let twofold: TwofoldProcess | undefined;
  beforeAll(async () => {
    ({ env, cleanup } = await freshEnvironment());
    // A fresh database: the CLI creates its tables only when asked (it refuses an empty one).
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const added = await runCli(['client', 'add', '--id', 'reports', '--grant', 'client_credentials', '--json'], env);
    expect(added.code).toBe(0);
    secret = (JSON.parse(added.stdout) as { client_secret: string }).client_secret;
  });
  afterEach(async () => {
    await twofold?.kill();
  });
  afterAll(() => cleanup());

  it('finishes the request in flight, refuses new connections, ignores idle keep-alives, and exits 0', async () => {
    twofold = await spawnTwofold(env);
    const idle = await idleKeepAlive(twofold.port);
    const slow = slowTokenRequest(twofold.port, 'reports', secret);
    await slow.inFlight;

    const signalled = Date.now();
    twofold.child.kill('SIGTERM');
    await twofold.waitForLog((line) => line.msg === 'stopping');
    expect(await refused(twofold.origin)).toBe('ECONNREFUSED');
    // The idle keep-alive connection is closed by the server, not left to hold the exit.
    await idle.closed;

    slow.finish();
    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ token_type: 'Bearer' });
    expect(typeof answer.json.access_token).toBe('string');

    const exit = await twofold.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(twofold.logs.map((line) => line.msg)).toContain(
      'stopped: connections drained, database and redis pools closed',
    );
    expect(twofold.stderr()).toBe('');
  });

  it('a client that never finishes its request does not hold the exit beyond 10 s', async () => {
    twofold = await spawnTwofold(env);
    const stuck = slowTokenRequest(twofold.port, 'reports', secret);
    const cut = stuck.response.then(
      () => 'answered',
      () => 'cut',
    );
    await stuck.inFlight;

    const signalled = Date.now();
    twofold.child.kill('SIGTERM');
    const exit = await twofold.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(await cut).toBe('cut');
  });
});
