// `/` and an address nothing answers, as a person's browser and a program see them: a styled page in
// the person's language with a way on (the account page) and the same security headers as every
// page, or a JSON error for a program; never Koa's bare text/plain "Not Found".
import { englishSentencesOn, pageText, UserAgentSpeaking } from '../support/languages.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent } from '../support/user-agent.js';

let twofold: RunningTwofold;
beforeAll(async () => {
  twofold = await startTwofold({ BCRYPT_COST: '4', ISSUER_NAME: 'Acme Sign-in' });
});
afterAll(() => twofold.stop());

describe('an address with no page', () => {
  it.each(['/', '/login', '/help', '/favicon.ico', '/static/nothing.css', '/interaction'])(
    '%s is a page that says so, with a way on',
    async (path) => {
      const visit = await new UserAgent(twofold.url).navigate(path);
      expect(visit.status).toBe(404);
      expect(visit.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(visit.body).toContain('<html lang="en">');
      expect(visit.body).toContain('<title>Page not found · Acme Sign-in</title>');
      expect(visit.body).toContain('<meta name="viewport"');
      expect(visit.body).toContain('<link rel="stylesheet" href="/static/style.css">');
      expect(visit.body).toContain('<a href="/account">Go to your account</a>');
      expect(pageText(visit.body)).toContain('There is no page at this address.');
      expect(visit.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(visit.headers.get('x-frame-options')).toBe('DENY');
      expect(visit.headers.get('x-content-type-options')).toBe('nosniff');
      expect(visit.headers.get('referrer-policy')).toBe('no-referrer');
      expect(visit.headers.get('cache-control')).toBe('no-store');
    },
  );

  it.each(['fr', 'de', 'es'] as const)('is in the browser’s language (%s)', async (locale) => {
    const visit = await new UserAgentSpeaking(twofold.url, locale).navigate('/no-such-page');
    expect(visit.status).toBe(404);
    expect(visit.body).toContain(`<html lang="${locale}">`);
    expect(englishSentencesOn(visit.body, locale)).toEqual([]);
  });

  it('is a JSON error for a program, and leaves the real pages alone', async () => {
    const json = await fetch(`${twofold.url}/no-such-endpoint`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({
      error: 'not_found',
      error_description: 'there is no endpoint at this address',
    });

    const discovery = await fetch(`${twofold.url}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect((await fetch(`${twofold.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${twofold.url}/help/authenticator`)).status).toBe(200);
    const style = await fetch(`${twofold.url}/static/style.css`);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
});
