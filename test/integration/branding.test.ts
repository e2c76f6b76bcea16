// A deployment's logo and colours as a browser receives them: the logo file served by us with its
// type and a year's cache under a versioned address, an https logo allowed by the pages' policy and
// nothing else, and the accent colours in the stylesheet every page links.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent } from '../support/user-agent.js';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('a logo file and accent colours', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'twofold-brand-'));
    writeFileSync(join(folder, 'acme.png'), PNG);
    twofold = await startTwofold({
      BCRYPT_COST: '4',
      ISSUER_NAME: 'Acme',
      BRAND_LOGO: join(folder, 'acme.png'),
      BRAND_COLOR: '#0b6e4f',
      BRAND_COLOR_DARK: '#7fd1b9',
    });
  });
  afterAll(() => twofold.stop());

  it('shows the logo beside the name on every page, served by us with a long cache', async () => {
    const page = await new UserAgent(twofold.url).navigate('/account');
    const src = /<p class="brand"><img class="logo" src="([^"]+)" alt="">Acme<\/p>/.exec(page.body)?.[1];
    expect(src).toMatch(/^\/static\/logo\?v=[0-9a-f]{12}$/);
    const help = await new UserAgent(twofold.url).navigate('/help/authenticator');
    expect(help.body).toContain(`<img class="logo" src="${src}" alt="">`);

    const logo = await fetch(new URL(src!, twofold.url));
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(PNG);
    // Opened on its own, the logo can run nothing.
    expect(logo.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('puts each theme’s accent in the stylesheet', async () => {
    const style = await (await fetch(`${twofold.url}/static/style.css`)).text();
    const tail = style.slice(style.lastIndexOf('/* BRAND_COLOR, BRAND_COLOR_DARK */'));
    expect(tail).toMatch(/^\/\* BRAND_COLOR, BRAND_COLOR_DARK \*\/\n:root \{\n {2}--accent: #0b6e4f;\n\}/);
    expect(tail).toMatch(/@media \(prefers-color-scheme: dark\) \{\n {2}:root \{\n {4}--accent: #7fd1b9;/);
  });
});

describe('a logo at an https address', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4', BRAND_LOGO: 'https://cdn.example.com/brand/acme.svg' });
  });
  afterAll(() => twofold.stop());

  it('is linked as it is, and the pages’ policy allows images from that origin only', async () => {
    const page = await new UserAgent(twofold.url).navigate('/help/authenticator');
    expect(page.body).toContain('<img class="logo" src="https://cdn.example.com/brand/acme.svg" alt="">');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("img-src 'self' data: https://cdn.example.com;");
    expect(policy).toContain("script-src 'self';");
    expect((await fetch(`${twofold.url}/static/logo`)).status).toBe(404);
  });
});

describe('no branding', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4' });
  });
  afterAll(() => twofold.stop());

  it('shows the name alone and keeps the images policy to our own origin', async () => {
    const page = await new UserAgent(twofold.url).navigate('/help/authenticator');
    expect(page.body).toContain('<p class="brand">Twofold</p>');
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self' data:;");
    expect(await (await fetch(`${twofold.url}/static/style.css`)).text()).not.toContain('BRAND_COLOR');
  });
});
