// A tiny browser for HTTP tests: keeps cookies (by name and path, as oidc-provider scopes them),
// follows redirects one by one, reads the forms on our pages and submits them like a person would.
// It runs no script, like a browser with JavaScript off. Redirects that leave the issuer (to a
// relying party's callback) are not followed: the visit ends there, with `leftTo`.

interface Cookie {
  name: string;
  value: string;
  path: string;
  expires: number | undefined;
}

export interface Form {
  id: string | undefined;
  action: string;
  method: string;
  /** Hidden and pre-filled fields, as the browser would send them. */
  fields: Record<string, string>;
  buttons: { name: string; value: string; text: string }[];
}

export interface Visit {
  /** The last URL fetched. */
  url: URL;
  status: number;
  headers: Headers;
  body: string;
  /** Every URL fetched, in order (redirects included). */
  history: URL[];
  /** Where the last redirect pointed when it left the issuer (a relying party's callback). */
  leftTo?: URL;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name]!);
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:.-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[match[1]!.toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return out;
}

function buttonOf(a: Record<string, string>, inner: string) {
  return { name: a.name ?? '', value: a.value ?? '', text: decodeEntities(inner.replace(/<[^>]+>/g, '').trim()) };
}

/** The forms of a page, with buttons outside a form attached through their `form` attribute. */
export function parseForms(body: string): Form[] {
  const forms: Form[] = [];
  for (const match of body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(match[1]!);
    const form: Form = {
      id: attrs.id,
      action: attrs.action ?? '',
      method: (attrs.method ?? 'get').toLowerCase(),
      fields: {},
      buttons: [],
    };
    for (const input of match[2]!.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1]!);
      if (!a.name || a.type === 'submit') continue;
      form.fields[a.name] = a.value ?? '';
    }
    for (const button of match[2]!.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const a = attributes(button[1]!);
      if (!a.form) form.buttons.push(buttonOf(a, button[2]!));
    }
    forms.push(form);
  }
  // Buttons outside a form that name it with their `form` attribute (oidc-provider's logout page).
  for (const button of body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
    const a = attributes(button[1]!);
    if (a.form) forms.find((f) => f.id === a.form)?.buttons.push(buttonOf(a, button[2]!));
  }
  return forms;
}

export class UserAgent {
  private cookies: Cookie[] = [];

  constructor(private readonly issuer: string) {}

  /** GET, following redirects within the issuer. */
  navigate(url: string | URL): Promise<Visit> {
    return this.go(new URL(url, this.issuer), { method: 'GET' });
  }

  /**
   * Submits the form of `visit` whose action ends with `actionSuffix`, with `values` over its
   * pre-filled fields, pressing the button whose value is `button` (or the first one).
   */
  submit(visit: Visit, actionSuffix: string, values: Record<string, string> = {}, button?: string): Promise<Visit> {
    const form = parseForms(visit.body).find((f) => f.action.endsWith(actionSuffix));
    if (!form) throw new Error(`no form with an action ending in ${actionSuffix} on ${visit.url}:\n${visit.body}`);
    const pressed =
      button === undefined ? form.buttons.find((b) => b.name) : form.buttons.find((b) => b.value === button);
    if (button !== undefined && !pressed) throw new Error(`no button with value ${button} in form ${actionSuffix}`);
    const fields = { ...form.fields, ...values, ...(pressed?.name ? { [pressed.name]: pressed.value } : {}) };
    return this.post(new URL(form.action || visit.url.href, visit.url), fields);
  }

  /** POSTs a form body as a browser would (urlencoded), following the redirects that answer it. */
  post(url: string | URL, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Visit> {
    return this.go(new URL(url, this.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** One request with this agent's cookies, no redirect followed. */
  async fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    const cookie = this.cookieHeader(url);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
    });
    this.store(url, response.headers.getSetCookie());
    return response;
  }

  /** Names of the cookies this agent would send to `url`. */
  cookieNames(url: string | URL): string[] {
    const target = new URL(url, this.issuer);
    return this.live()
      .filter((c) => pathMatches(target.pathname, c.path))
      .map((c) => c.name);
  }

  /** The value of the cookie `name` this agent would send to `url`, if any. */
  cookieValue(url: string | URL, name: string): string | undefined {
    const target = new URL(url, this.issuer);
    return this.live().find((c) => c.name === name && pathMatches(target.pathname, c.path))?.value;
  }

  private async go(url: URL, init: RequestInit): Promise<Visit> {
    const history: URL[] = [];
    let current = url;
    let request = init;
    for (let hops = 0; hops < 20; hops++) {
      history.push(current);
      const response = await this.fetch(current, request);
      const location = response.headers.get('location');
      const body = await response.text();
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, current);
        if (next.origin !== new URL(this.issuer).origin) {
          return { url: current, status: response.status, headers: response.headers, body, history, leftTo: next };
        }
        current = next;
        request = { method: 'GET' };
        continue;
      }
      return { url: current, status: response.status, headers: response.headers, body, history };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private live(): Cookie[] {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expires === undefined || c.expires > now);
    return this.cookies;
  }

  private cookieHeader(url: URL): string {
    return this.live()
      .filter((c) => pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...parts] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expires: number | undefined;
      for (const part of parts) {
        const [key, ...rest] = part.trim().split('=');
        const attr = rest.join('=');
        if (/^path$/i.test(key!)) path = attr || '/';
        else if (/^max-age$/i.test(key!)) expires = Date.now() + Number(attr) * 1000;
        else if (/^expires$/i.test(key!) && expires === undefined) expires = Date.parse(attr);
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (expires === undefined || expires > Date.now()) this.cookies.push({ name, value, path, expires });
    }
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
