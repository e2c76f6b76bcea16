// Discovery and the JWKS, answered from memory before Koa and oidc-provider see the request. Both
// documents depend only on the configuration and the signing keys, which oidc-provider reads once
// at start (a key rotation takes a restart), yet each request built a Koa context, ran our
// middleware and oidc-provider's router, and serialised the same JSON again. So once the server
// listens, each document is fetched once from the server itself, through the whole stack (so its
// body and headers — CORS, security headers — are exactly what oidc-provider and our middleware
// answer), and kept with an ETag. Anything else, or these paths with a query or another method,
// goes the ordinary way. Every request is still logged and counted like any other.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { FetchLike } from '../portal/self-fetch.js';

const PUBLISHED_PATHS = ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server', '/jwks'];

// Clients may keep them this long, then revalidate with If-None-Match (a 304 when unchanged). A
// relying party that meets a token signed with a new key re-reads the JWKS anyway (OIDC Core §10.1.1).
const CACHE_CONTROL = 'public, max-age=300';

// Per request or per connection, so never replayed from the stored answer.
const PER_REQUEST = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'x-request-id',
  'access-control-allow-origin',
  'etag',
  'cache-control',
]);

interface Document {
  body: Buffer;
  etag: string;
  /** The kept headers with the ETag and Cache-Control, as name, value, name, value… */
  headers: string[];
  length: string;
}

/** What happened to one request answered here, for the request log and the metrics. */
export interface Answered {
  req: IncomingMessage;
  requestId: string;
  path: string;
  status: number;
  started: number;
}

export class PublishedDocuments {
  private readonly documents = new Map<string, Document>();

  constructor(private readonly answered: (request: Answered) => void) {}

  /**
   * Reads each document once through `fetch` (this server's own listener). A document that does
   * not come back 200 is not kept: it stays served the ordinary way, which is correct, only slower.
   */
  async load(issuer: string, fetch: FetchLike): Promise<void> {
    for (const published of PUBLISHED_PATHS) {
      const url = `${issuer}${published}`;
      // The path as this server receives it (the issuer's own path, if any, comes first).
      const path = new URL(url).pathname;
      const response = await fetch(url, { method: 'GET', headers: {} });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200) continue;
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const headers = ['etag', etag, 'cache-control', CACHE_CONTROL];
      response.headers.forEach((value, name) => {
        if (!PER_REQUEST.has(name)) headers.push(name, value);
      });
      this.documents.set(path, { body, etag, headers, length: String(body.length) });
    }
  }

  /** The server's request listener: kept documents from memory, everything else to `app`. */
  listener(app: (req: IncomingMessage, res: ServerResponse) => unknown): RequestListener {
    return (req, res) => {
      if (!this.serve(req, res)) void app(req, res);
    };
  }

  /** Answers a GET or HEAD of a kept document and returns true; otherwise leaves `res` alone. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = req.url ?? '';
    const document = this.documents.get(path);
    if (!document) return false;
    const started = performance.now();
    const requestId = randomUUID();
    const unchanged = ifNoneMatch(req.headers['if-none-match'], document.etag);
    const status = unchanged ? 304 : 200;
    // A flat list: Node writes it as it stands, where an object's headers are each validated and
    // stored again (the same ~850 bytes of headers cost a third of the answer that way).
    const headers = [
      ...document.headers,
      // oidc-provider's CORS for these public documents: any origin, echoed (it also sets Vary: Origin).
      'access-control-allow-origin',
      req.headers.origin ?? '*',
      'x-request-id',
      requestId,
    ];
    if (!unchanged) headers.push('content-length', document.length);
    res.writeHead(status, headers);
    res.end(unchanged || req.method === 'HEAD' ? undefined : document.body);
    this.answered({ req, requestId, path, status, started });
    return true;
  }
}

/** RFC 9110 §13.1.2: `*`, or a list of entity tags compared weakly. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The client address as Koa computes `ctx.ip`, for the request log: with a trusted proxy, the
 * X-Forwarded-For entry `hops` from the right, else the socket's peer.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean, hops: number): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const entries = typeof forwarded === 'string' ? forwarded.split(',').map((entry) => entry.trim()) : [];
  const [first] = hops > 0 ? entries.slice(-hops) : entries;
  // An empty entry (`, 1.2.3.4`) counts as none, as in Koa.
  return first !== undefined && first !== '' ? first : (req.socket.remoteAddress ?? '');
}
