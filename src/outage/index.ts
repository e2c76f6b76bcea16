// A store (the database or Redis) is unreachable right now: an outage, not a bug. It is thrown as a
// StoreUnavailableError at the store boundary (the database client, the rate limits), recognised
// from the drivers' own errors where a library calls the store itself (oidc-provider's adapters),
// and answered in one place (interactions/errors.ts `answerOutage`): 503 "temporarily unavailable"
// with one Retry-After, a page for a person or an OAuth error for a client, and one log line.
// Nothing here retries: the connections reconnect by themselves (src/redis/connection.ts, the pg
// pool), so the next request after the outage succeeds.
import { databaseErrorKind } from '../database/errors.js';
import { isRedisUnavailable } from '../redis/errors.js';

export type Store = 'database' | 'redis';

/** Seconds a client is asked to wait before trying again (RFC 9110 §10.2.3). */
export const RETRY_AFTER_SECONDS = 5;

/** What a client of the protocol endpoints is told during an outage (RFC 6749 §4.1.2.1), everywhere. */
export const TEMPORARILY_UNAVAILABLE = Object.freeze({
  error: 'temporarily_unavailable',
  error_description: 'the service is temporarily unavailable; try again shortly',
});

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    readonly store: Store,
    options?: { cause?: unknown },
  ) {
    super(`the ${store} is unavailable`, options);
  }
}

/** Which store `error` says is unreachable, or undefined when it is some other failure. */
function unavailableStore(error: unknown): Store | undefined {
  if (error instanceof StoreUnavailableError) return error.store;
  if (databaseErrorKind(error) === 'unavailable') return 'database';
  if (isRedisUnavailable(error)) return 'redis';
  return undefined;
}

/** `error` as a StoreUnavailableError when it is an outage (already one, or a driver's), else undefined. */
export function asOutage(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const store = unavailableStore(error);
  return store && new StoreUnavailableError(store, { cause: error });
}
