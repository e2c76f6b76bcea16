// A slowloris attacker: clients that trickle their headers or their body a byte at a time, or open
// connections and do nothing, to hold every socket the server has. The server cuts each of them
// off (HTTP_HEADERS_TIMEOUT, HTTP_REQUEST_TIMEOUT, HTTP_KEEP_ALIVE_TIMEOUT) and never holds more
// than HTTP_MAX_CONNECTIONS at once, while it keeps answering everyone else.
import { connect, type Socket } from 'node:net';
import { LogCapture } from '../support/log-capture.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Trickle {
  /** What the server answered before it closed the connection ('' for nothing). */
  answer: string;
  /** Whether the client was still sending when the server closed. */
  cutOff: boolean;
}

/**
 * Connects and sends `head`, then `tail` one byte every 200 ms: far slower than any real client,
 * and far longer (tail.length × 200 ms) than the server's limits in these tests.
 */
function trickle(port: string, head: string, tail: string): Promise<Trickle> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let sent = 0;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    // A reset by the server is how some cut-offs look from here; 'close' follows.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, cutOff: sent < tail.length }));
    const stillOpen = () => !socket.destroyed;
    socket.on('connect', () => {
      socket.write(head);
      void (async () => {
        while (stillOpen() && sent < tail.length) {
          await sleep(200);
          if (stillOpen()) socket.write(tail[sent++]!);
        }
        if (stillOpen()) reject(new Error('the server waited for the whole trickle'));
        socket.destroy();
      })();
    });
  });
}

async function healthy(url: string): Promise<number> {
  return (await fetch(`${url}/healthz`)).status;
}

describe('slow clients are cut off', () => {
  let twofold: RunningTwofold;
  const log = new LogCapture();
  beforeAll(async () => {
    twofold = await startTwofold(
      { HTTP_HEADERS_TIMEOUT: '2s', HTTP_REQUEST_TIMEOUT: '3s', HTTP_KEEP_ALIVE_TIMEOUT: '1s', LOG_LEVEL: 'info' },
      { logTo: log },
    );
  });
  afterAll(() => twofold.stop());

  it('a client that trickles its headers is answered 408 and disconnected, and others are served meanwhile', async () => {
    const slow = Array.from({ length: 5 }, () =>
      // 300 bytes of header at 5 a second: a minute, were the server to wait.
      trickle(twofold.env.PORT!, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n', `X-Slow: ${'a'.repeat(290)}\r\n\r\n`),
    );
    expect(await healthy(twofold.url)).toBe(200);
    for (const result of await Promise.all(slow)) {
      expect(result.cutOff).toBe(true);
      expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    }
  });

  it('a client that trickles its body is answered 408 and disconnected', async () => {
    const body = 'grant_type=client_credentials&client_id=slow&pad=' + 'b'.repeat(250);
    const result = await trickle(
      twofold.env.PORT!,
      [
        'POST /token HTTP/1.1',
        'Host: localhost',
        'Content-Type: application/x-www-form-urlencoded',
        `Content-Length: ${body.length + 1}`,
        '',
        'g',
      ].join('\r\n'),
      body,
    );
    expect(result.cutOff).toBe(true);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    // The operator reads one JSON line about it, not a stack on stderr.
    const ended = log.lines().filter((line) => line.msg === 'request ended early');
    expect(ended).toEqual([expect.objectContaining({ level: 30, reason: 'Request timeout' })]);
  });

  it('an idle kept-alive connection is closed by the server', async () => {
    const socket = connect(Number(twofold.env.PORT), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    // The client then says nothing more; it would keep the socket for ever.
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/Keep-Alive: timeout=1/i);
  });
});

describe('connections are capped', () => {
  let twofold: RunningTwofold;
  const open: Socket[] = [];
  beforeAll(async () => {
    twofold = await startTwofold({
      HTTP_MAX_CONNECTIONS: '5',
      HTTP_HEADERS_TIMEOUT: '60s',
      HTTP_REQUEST_TIMEOUT: '60s',
    });
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await twofold.stop();
  });

  /** A connection that has begun a request and says no more. */
  function idleConnection(): Promise<Socket> {
    return new Promise((resolve) => {
      const socket = connect(Number(twofold.env.PORT), '127.0.0.1', () => {
        socket.write('GET /healthz HTTP/1.1\r\n');
        resolve(socket);
      });
      socket.on('error', () => undefined);
      open.push(socket);
    });
  }

  it('beyond HTTP_MAX_CONNECTIONS a new connection is closed at once; once they go, requests are served again', async () => {
    const held = await Promise.all(Array.from({ length: 5 }, idleConnection));
    // The server has seen all five once it has answered one of them: finish the first.
    const first = new Promise<string>((resolve) => {
      let text = '';
      held[0]!.setEncoding('utf8');
      held[0]!.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\r\n\r\n')) resolve(text);
      });
    });
    held[0]!.write('Host: localhost\r\n\r\n');
    expect(await first).toMatch(/^HTTP\/1\.1 200 /);

    const refused = await fetch(`${twofold.url}/healthz`).then(
      (response) => response.status,
      (error: unknown) => (error as Error).message,
    );
    expect(refused).toBe('fetch failed');

    for (const socket of held) socket.destroy();
    let status: number | string = 'not tried';
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = await healthy(twofold.url).catch(() => 'fetch failed');
      if (status !== 200) await sleep(100);
    }
    expect(status).toBe(200);
  });
});
