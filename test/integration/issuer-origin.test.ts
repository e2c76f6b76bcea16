// What an attacker tries with the request's own idea of where it is going: a forged Host, a
// forged X-Forwarded-Host (believed from a proxy), an absolute-form request line. Every URL the
// server publishes still names ISSUER, so a cache in front cannot be poisoned with another host's
// endpoints. And with an https issuer, a request that did not come through the TLS proxy is told so
// plainly, never answered with a 500.
import { request } from 'node:http';
import { connect } from 'node:net';
import { LogCapture } from '../support/log-capture.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the headers a browser or fetch would never let us forge (Host among them). */
function send(port: string, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The raw bytes of one request, as a hand-written client sends them (absolute-form targets). */
function sendRaw(port: string, lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

/** Every absolute URL in a discovery document. */
function urlsIn(document: string): string[] {
  return [...document.matchAll(/"(https?:\/\/[^"]+)"/g)].map((match) => match[1]!);
}

describe('the URLs we publish come from ISSUER, whatever host the request names', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    // Believing a proxy's X-Forwarded-* headers is where X-Forwarded-Host spoofing bites.
    twofold = await startTwofold({ TRUST_PROXY: 'true' });
  });
  afterAll(() => twofold.stop());

  const port = () => twofold.env.PORT!;

  it("discovery for a forged Host names the issuer's endpoints", async () => {
    const answer = await send(port(), '/.well-known/openid-configuration', { host: 'evil.test' });
    expect(answer.status).toBe(200);
    const urls = urlsIn(answer.body);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(new RegExp(`^${twofold.url}(/|$)`));
  });

  it('a forged X-Forwarded-Host and X-Forwarded-Proto change nothing either', async () => {
    const answer = await send(port(), '/.well-known/openid-configuration', {
      host: 'evil.test',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-proto': 'https',
    });
    expect(answer.status).toBe(200);
    for (const url of urlsIn(answer.body)) expect(url).toMatch(new RegExp(`^${twofold.url}(/|$)`));
    expect(answer.body).not.toContain('evil.test');
  });

  it("an absolute-form request line for another host is answered with the issuer's URLs", async () => {
    const raw = await sendRaw(port(), [
      'GET http://evil.test/.well-known/openid-configuration HTTP/1.1',
      'Host: evil.test',
      'Connection: close',
    ]);
    expect(raw).toMatch(/^HTTP\/1\.1 200/);
    expect(raw).toContain(`"token_endpoint":"${twofold.url}/token"`);
    expect(raw).not.toContain('evil.test');
  });

  it('the sign-out form served for a forged host posts to the issuer', async () => {
    // oidc-provider writes this form's action as an absolute URL.
    const answer = await send(port(), '/session/end', { host: 'evil.test', 'x-forwarded-host': 'evil.test' });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`action="${twofold.url}/session/end/confirm"`);
    expect(answer.body).not.toContain('evil.test');
  });
});

describe('an https issuer, reached around its TLS proxy', () => {
  const ISSUER = 'https://id.twofold.invalid';
  let twofold: RunningTwofold;
  const log = new LogCapture();
  beforeAll(async () => {
    twofold = await startTwofold({ ISSUER, TRUST_PROXY: 'true', LOG_LEVEL: 'warn' }, { logTo: log });
  });
  afterAll(() => twofold.stop());

  const port = () => twofold.env.PORT!;
  const browser = { host: 'id.twofold.invalid', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it.each([
    ['a sign-in', '/auth?client_id=twofold-account&response_type=code&scope=openid'],
    ['the account page', '/account'],
  ])('%s without X-Forwarded-Proto gets a page saying to use the https address, no cookie', async (_what, path) => {
    const answer = await send(port(), path, browser);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body).toContain('Use the secure address');
    expect(answer.body).toContain(`href="${ISSUER}${path.replace(/&/g, '&amp;')}"`);
    expect(answer.body).not.toMatch(/Error:|at .*\.js:\d+/);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('a program posting to /token without it gets an OAuth error naming the https issuer', async () => {
    const answer = await send(
      port(),
      '/token',
      { host: 'id.twofold.invalid', 'content-type': 'application/x-www-form-urlencoded' },
      'POST',
      'grant_type=client_credentials&client_id=nobody',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'invalid_request',
      error_description: `this server is reached over https only: ${ISSUER}`,
    });
  });

  it('the operator is told once what is wrong, in the log', () => {
    const warnings = log.lines().filter((line) => String(line.msg).includes('X-Forwarded-Proto'));
    expect(warnings).toEqual([expect.objectContaining({ level: 40 })]);
  });

  it('health checks and the stylesheet still answer directly', async () => {
    expect((await send(port(), '/healthz', {})).status).toBe(200);
    expect((await send(port(), '/readyz', {})).status).toBe(200);
    expect((await send(port(), '/static/style.css', {})).status).toBe(200);
  });

  it('through the proxy (X-Forwarded-Proto: https) the same sign-in starts, with Secure cookies', async () => {
    const answer = await send(port(), '/account', { ...browser, 'x-forwarded-proto': 'https' });
    expect(String(answer.status)).toMatch(/^30[23]$/);
    expect(String(answer.headers.location)).toMatch(new RegExp(`^${ISSUER}/auth\\?`));
    const cookies = (answer.headers['set-cookie'] as string[] | undefined) ?? [];
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*secure/i);
  });
});
