// The portal is a relying party of the server it runs in. Its back-channel requests (discovery,
// JWKS, token, userinfo) go straight to this process's own listener instead of out through DNS,
// a load balancer or a TLS proxy that may not be reachable from inside. The request still
// carries the issuer's host and scheme, so the provider answers exactly as it answers the world,
// and openid-client validates every response against the configured issuer.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FetchLike = (
  url: string,
  options: { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal },
) => Promise<Response>;

/** The origin to reach a listener bound at `address` from this same process. */
export function selfOrigin(address: AddressInfo): string {
  const unspecified = address.address === '0.0.0.0' || address.address === '::';
  if (unspecified) return `http://127.0.0.1:${address.port}`;
  return address.family === 'IPv6'
    ? `http://[${address.address}]:${address.port}`
    : `http://${address.address}:${address.port}`;
}

/** Thrown when the portal is used before the server listens (there is no "self" to call yet). */
export class NotListeningError extends Error {
  override name = 'NotListeningError';
}

/**
 * A fetch for openid-client's `customFetch`: requests for the issuer's origin go to `target()`
 * (the local listener) with the issuer's Host and X-Forwarded-Proto; anything else is refused,
 * because the portal has no business calling other servers.
 */
export function selfFetch(issuer: string, target: () => string | undefined): FetchLike {
  const issuerUrl = new URL(issuer);
  return (url, options) => {
    const wanted = new URL(url);
    if (wanted.origin !== issuerUrl.origin)
      return Promise.reject(new Error(`the account portal only calls its own issuer, not ${wanted.origin}`));
    const origin = target();
    if (!origin) return Promise.reject(new NotListeningError('the server is not listening yet'));
    const local = new URL(`${wanted.pathname}${wanted.search}`, origin);
    // openid-client's bodies are URL-encoded forms: URLSearchParams (or a string).
    const body =
      options.body instanceof URLSearchParams || typeof options.body === 'string' ? options.body.toString() : undefined;
    return new Promise<Response>((resolve, reject) => {
      // node:http rather than fetch: fetch forbids setting Host, which the provider uses to build
      // the endpoint URLs it publishes in discovery.
      const req = request(
        local,
        {
          method: options.method,
          headers: {
            ...options.headers,
            host: issuerUrl.host,
            'x-forwarded-host': issuerUrl.host,
            'x-forwarded-proto': issuerUrl.protocol.slice(0, -1),
            ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          },
          signal: options.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
                headers.append(name, v);
            }
            const status = res.statusCode ?? 502;
            const noBody = status === 204 || status === 304;
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? '',
                headers,
              }),
            );
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
