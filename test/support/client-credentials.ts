// A machine client's view of the provider: the client_credentials grant, introspection and revocation, with
// client_secret_basic authentication (RFC 6749 §2.3.1: form-urlencoded id and secret).
export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

async function post(
  url: string,
  clientId: string,
  secret: string,
  form: Record<string, string>,
): Promise<TokenResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function clientCredentialsToken(issuer: string, clientId: string, secret: string): Promise<TokenResponse> {
  return post(`${issuer}/token`, clientId, secret, { grant_type: 'client_credentials' });
}

export function introspect(issuer: string, clientId: string, secret: string, token: string): Promise<TokenResponse> {
  return post(`${issuer}/token/introspection`, clientId, secret, { token });
}

/** RFC 7009: the answer is 200 with an empty body whether or not anything was revoked. */
export async function revoke(
  issuer: string,
  clientId: string,
  secret: string,
  token: string,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${issuer}/token/revocation`, {
    method: 'POST',
    headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  return { status: response.status, body: await response.text() };
}
