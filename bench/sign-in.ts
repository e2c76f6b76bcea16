// What the bench's people and relying parties do, kept lean so the load generator costs little next
// to the servers it measures (they share the machine's cores): a cookie jar and manual redirects
// over fetch, the forms found by their action, an authorization code exchanged with PKCE, refresh
// tokens rotated. The same code drives Twofold's pages and the bare provider's, which share the
// forms' field names. ID tokens are not verified: that is the relying party's cost, not the server's.
import { createHash, randomBytes } from 'node:crypto';
import { generateSync } from '@otplib/totp';
import { crypto } from '@otplib/plugin-crypto-node';
import { base32 } from '@otplib/plugin-base32-scure';

export interface Client {
  id: string;
  secret: string;
  redirectUri: string;
}

export interface Person {
  email: string;
  password: string;
}

const PERIOD = 30;
export const timeStep = (now = Date.now()) => Math.floor(now / 1000 / PERIOD);

export function totpCode(secret: string, step: number): string {
  return generateSync({ secret, epoch: step * PERIOD, period: PERIOD, crypto, base32 });
}

export const basic = (client: Client) => `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';

class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly origin: string) {}

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const response = await fetch(new URL(url, this.origin), {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': FORM } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const gone = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || pair.slice(eq + 1) === '';
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }
}

/** The form on a page whose action ends in `/step`, with its hidden fields. */
function form(body: string, step: string): { action: string; fields: Record<string, string> } | undefined {
  const action = new RegExp(`<form[^>]*action="([^"]*/${step})"`).exec(body)?.[1];
  if (!action) return undefined;
  const fields: Record<string, string> = {};
  for (const [, name, value] of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[name!] = value!;
  return { action: action.replace(/&amp;/g, '&'), fields };
}

/**
 * One whole sign-in from the relying party's redirect to its tokens: password page, code page,
 * code exchange. `code` gives the TOTP code to type. Throws on anything unexpected.
 */
export async function signIn(
  origin: string,
  client: Client,
  person: Person,
  code: () => string,
  scope = 'openid',
): Promise<{ refreshToken?: string }> {
  const browser = new Browser(origin);
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL('/auth', origin);
  authorize.search = new URLSearchParams({
    client_id: client.id,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope,
    ...(scope.includes('offline_access') ? { prompt: 'consent' } : {}),
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  let answer = await browser.request(authorize.href);
  for (let hops = 0; hops < 20; hops++) {
    if (answer.location?.startsWith(client.redirectUri)) {
      const authorizationCode = new URL(answer.location).searchParams.get('code');
      if (!authorizationCode) throw new Error(`no code in ${answer.location}`);
      const tokens = await tokenRequest(origin, client, {
        grant_type: 'authorization_code',
        code: authorizationCode,
        redirect_uri: client.redirectUri,
        code_verifier: verifier,
      });
      return { refreshToken: tokens.refresh_token };
    }
    if (answer.location) {
      answer = await browser.request(answer.location);
      continue;
    }
    const password = form(answer.body, 'password');
    const codeForm = form(answer.body, 'code');
    if (answer.status === 200 && password) {
      answer = await browser.request(password.action, {
        method: 'POST',
        form: { ...password.fields, email: person.email, password: person.password },
      });
    } else if (answer.status === 200 && codeForm) {
      answer = await browser.request(codeForm.action, { method: 'POST', form: { ...codeForm.fields, code: code() } });
    } else {
      throw new Error(`sign-in stopped at ${answer.status}: ${answer.body.slice(0, 300)}`);
    }
  }
  throw new Error('sign-in went round in circles');
}

export async function tokenRequest(
  origin: string,
  client: Client,
  form: Record<string, string>,
): Promise<{ access_token: string; refresh_token?: string }> {
  const response = await fetch(`${origin}/token`, {
    method: 'POST',
    headers: { authorization: basic(client), 'content-type': FORM },
    body: new URLSearchParams(form).toString(),
  });
  const body = (await response.json()) as { access_token?: string; refresh_token?: string; error?: string };
  if (response.status !== 200 || !body.access_token)
    throw new Error(`token endpoint answered ${response.status} ${JSON.stringify(body)}`);
  return body as { access_token: string; refresh_token?: string };
}
