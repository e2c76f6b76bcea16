// Which database a configuration names, in words an operator can compare with the server's.
import type { DatabaseConfig } from '../config/index.js';

/** "the SQLite file /srv/twofold/data/twofold.db", "the PostgreSQL database twofold on db:5432" (no credentials). */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `the SQLite file ${config.file}`;
  const url = new URL(config.url);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(the default database)';
  const host = url.hostname
    ? `${url.hostname}:${url.port || '5432'}`
    : (url.searchParams.get('host') ?? 'a local socket');
  return `the PostgreSQL database ${name} on ${host}`;
}
