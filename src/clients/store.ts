// Relying parties, kept in the database so adding one needs no restart. The metadata is what
// oidc-provider understands; `validate` is oidc-provider's own client validation, so the CLI
// refuses exactly what the provider would refuse.
import type { Database } from '../database/client.js';
import { InvalidInputError } from '../accounts/errors.js';
import { digestClientSecret, generateClientSecret } from './secret.js';
import { mayBeStored } from '../database/text.js';

export interface NewClient {
  clientId: string;
  name?: string | undefined;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  isPublic: boolean;
  firstParty: boolean;
  grants: string[];
}

export interface ClientRecord {
  clientId: string;
  metadata: Record<string, unknown>;
  secretDigest: string | null;
  firstParty: boolean;
  createdAt: Date;
}

export type ValidateMetadata = (metadata: Record<string, unknown>) => Promise<void>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
// Not starting with "-": it would read as an option on every command line that names the client.
const CLIENT_ID = /^(?!-)[A-Za-z0-9._~-]{1,128}$/;
const SUPPORTED_GRANTS = new Set(['authorization_code', 'refresh_token', 'client_credentials']);

export function buildMetadata(input: NewClient): Record<string, unknown> {
  if (!CLIENT_ID.test(input.clientId)) {
    throw new InvalidInputError(
      'client id must be 1-128 characters of letters, digits, ".", "_", "~" or "-", not starting with "-"',
    );
  }
  for (const grant of input.grants) {
    if (!SUPPORTED_GRANTS.has(grant))
      throw new InvalidInputError(
        `unsupported grant: ${JSON.stringify(grant)} (use authorization_code or client_credentials)`,
      );
  }
  for (const uri of [...input.redirectUris, ...input.postLogoutRedirectUris]) checkUri(uri);
  const interactive = input.redirectUris.length > 0;
  const grants = new Set(input.grants);
  if (interactive) grants.add('authorization_code').add('refresh_token');
  if (grants.has('authorization_code') && !interactive)
    throw new InvalidInputError('a client that signs users in needs at least one --redirect-uri');
  if (grants.size === 0) throw new InvalidInputError('give at least one --redirect-uri, or --grant client_credentials');
  if (input.isPublic && grants.has('client_credentials'))
    throw new InvalidInputError('a public client cannot use client_credentials: it has no secret');
  return {
    client_id: input.clientId,
    ...(input.name ? { client_name: input.name } : {}),
    redirect_uris: input.redirectUris,
    post_logout_redirect_uris: input.postLogoutRedirectUris,
    grant_types: [...grants],
    response_types: interactive ? ['code'] : [],
    token_endpoint_auth_method: input.isPublic ? 'none' : 'client_secret_basic',
  };
}

function checkUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InvalidInputError(`not a valid URL: ${JSON.stringify(uri.slice(0, 200))}`);
  }
  if (url.hash) throw new InvalidInputError(`redirect URLs must not contain a fragment: ${uri}`);
  // A user name or password in a URL that carries codes and tokens would be sent along with them
  // (and shown to the person on an error page); the value is never echoed.
  if (url.username || url.password) {
    url.username = url.password = '';
    throw new InvalidInputError(`redirect URLs must not contain a user name or password: ${url.href}`);
  }
  // Redirect URLs are compared exactly: a "*" is only a character, and whoever registers
  // https://*.rp.test/cb believes every subdomain is allowed (none is).
  if (uri.includes('*'))
    throw new InvalidInputError(`redirect URLs are matched exactly, "*" is not a wildcard: register each URL (${uri})`);
  // Codes and tokens travel in these redirects: plain http only to this very machine.
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new InvalidInputError(`redirect URLs must use https (http only for localhost): ${uri}`);
  }
  if (/[\s\p{Cc}]/u.test(uri))
    throw new InvalidInputError(`redirect URLs must not contain spaces or control characters: ${JSON.stringify(uri)}`);
}

function toRecord(row: {
  clientId: string;
  metadata: string;
  secretDigest: string | null;
  firstParty: boolean;
  createdAt: Date;
}): ClientRecord {
  return { ...row, metadata: JSON.parse(row.metadata) as Record<string, unknown> };
}

// Clients are read on every token, introspection, revocation and userinfo request (oidc-provider)
// and on every sign-in page (its name, whether it is first-party), so a client read is kept for
// CLIENT_CACHE_SECONDS. Adding a client takes effect at once (only clients found are kept); a change
// or removal made by this store takes effect at once in this process, and one made by another
// process (`twofold client …`) on every instance and worker within that second. That is safe because
// nothing a stale second allows outlives it: oidc-provider looks the client up again whenever a token
// is used (refresh, userinfo, introspection), so once the second has passed a removed client's
// tokens are refused like those of any client that does not exist.
export const CLIENT_CACHE_SECONDS = 1;
// Bounds the memory a flood of made-up client ids could take: only clients that exist are kept, and
// there are a handful of those, so past this many the oldest are dropped.
const MAX_CACHED = 1000;

export class ClientStore {
  private readonly cached = new Map<string, { record: ClientRecord; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly validate: ValidateMetadata,
  ) {}

  /** Creates the client; returns its secret (null for public clients), which is never shown again. */
  async add(input: NewClient): Promise<{ clientId: string; clientSecret: string | null }> {
    const metadata = buildMetadata(input);
    const clientSecret = input.isPublic ? null : generateClientSecret();
    try {
      await this.validate(clientSecret ? { ...metadata, client_secret: clientSecret } : metadata);
    } catch (error) {
      const e = error as { error_description?: string; message: string };
      throw new InvalidInputError(`invalid client: ${e.error_description ?? e.message}`);
    }
    if (await this.db.client.findUnique({ where: { clientId: input.clientId } })) {
      throw new InvalidInputError(`a client with id ${input.clientId} already exists`);
    }
    await this.db.client.create({
      data: {
        clientId: input.clientId,
        metadata: JSON.stringify(metadata),
        secretDigest: clientSecret ? digestClientSecret(clientSecret) : null,
        firstParty: input.firstParty,
      },
    });
    this.changed(input.clientId);
    return { clientId: input.clientId, clientSecret };
  }

  /** Creates or updates a client the provider itself owns (the account portal). */
  async ensure(metadata: Record<string, unknown>, firstParty: boolean): Promise<void> {
    const clientId = String(metadata.client_id);
    const data = { metadata: JSON.stringify(metadata), firstParty, secretDigest: null };
    await this.db.client.upsert({ where: { clientId }, create: { clientId, ...data }, update: data });
    this.changed(clientId);
  }

  /** The client, as read at most CLIENT_CACHE_SECONDS ago (see above). */
  async find(clientId: string): Promise<ClientRecord | null> {
    if (!mayBeStored(clientId)) return null;
    const hit = this.cached.get(clientId);
    if (hit && hit.until > Date.now()) return hit.record;
    const row = await this.db.client.findUnique({ where: { clientId } });
    this.cached.delete(clientId);
    if (!row) return null;
    const record = toRecord(row);
    const oldest = this.cached.keys().next();
    if (this.cached.size >= MAX_CACHED && !oldest.done) this.cached.delete(oldest.value);
    this.cached.set(clientId, { record, until: Date.now() + CLIENT_CACHE_SECONDS * 1000 });
    return record;
  }

  async list(): Promise<ClientRecord[]> {
    return (await this.db.client.findMany({ orderBy: { createdAt: 'asc' } })).map(toRecord);
  }

  async remove(clientId: string): Promise<boolean> {
    const { count } = await this.db.client.deleteMany({ where: { clientId } });
    this.changed(clientId);
    return count > 0;
  }

  private changed(clientId: string): void {
    this.cached.delete(clientId);
  }
}
