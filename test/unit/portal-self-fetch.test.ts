// The account portal calls its own server directly; these check that it sends only issuer
// requests there, dressed as the issuer, and calls nothing else.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotListeningError, selfFetch, selfOrigin } from '../../src/portal/self-fetch.js';

describe('the portal back-channel to its own server', () => {
  let server: Server;
  let origin: string;
  const seen: { url: string; method: string; headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ url: req.url!, method: req.method!, headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.appendHeader('set-cookie', ['a=1', 'b=2']);
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = selfOrigin(server.address() as AddressInfo);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reaches a listener on all interfaces through the loopback address', () => {
    expect(selfOrigin({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(selfOrigin({ address: '::', family: 'IPv6', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(selfOrigin({ address: '::1', family: 'IPv6', port: 8080 })).toBe('http://[::1]:8080');
  });

  it('sends issuer requests to the local listener with the issuer host and scheme', async () => {
    const fetch = selfFetch('https://id.example.com', () => origin);
    const response = await fetch('https://id.example.com/token?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'abc' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const request = seen.at(-1)!;
    expect(request).toMatchObject({
      url: '/token?x=1',
      method: 'POST',
      body: 'grant_type=authorization_code&code=abc',
    });
    expect(request.headers).toMatchObject({
      host: 'id.example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'id.example.com',
    });
  });

  it('refuses to call any other server', async () => {
    const fetch = selfFetch('https://id.example.com', () => origin);
    const before = seen.length;
    await expect(fetch('https://evil.example.net/token', { method: 'GET', headers: {} })).rejects.toThrow(
      /only calls its own issuer/,
    );
    await expect(fetch('http://id.example.com/token', { method: 'GET', headers: {} })).rejects.toThrow(
      /only calls its own issuer/,
    );
    expect(seen.length).toBe(before);
  });

  it('says so when the server is not listening yet', async () => {
    const fetch = selfFetch('https://id.example.com', () => undefined);
    await expect(
      fetch('https://id.example.com/.well-known/openid-configuration', { method: 'GET', headers: {} }),
    ).rejects.toBeInstanceOf(NotListeningError);
  });
});
