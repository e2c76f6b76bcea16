// The people and clients of a bench run, written into Twofold's database before it starts (the
// way `twofold user add` and `client add` would, through the same stores), every person with the
// same precomputed password hash and the same linked app: what a sign-in costs must not depend on
// the minutes bcrypt would take to hash each one here. Filler accounts (the 10⁶ of the flatness
// check) go in with plain SQL, thousands per statement.
import pg from 'pg';
import Sqlite from 'better-sqlite3';
import type { Config } from '../src/config/index.js';
import { createLogger } from '../src/logging.js';
import { openServices } from '../src/services.js';
import { timeStep } from './sign-in.js';
import type { Client } from './sign-in.js';

const REDIRECT_URI = 'http://127.0.0.1/callback';

export interface Seeded {
  service: Client;
  app: Client;
}

export const personEmail = (i: number) => `person-${i}@bench.example`;

export async function seed(config: Readonly<Config>, people: number, passwordHash: string, totpSecret: string) {
  const services = await openServices(config, createLogger('silent'));
  try {
    const service = await services.clients.add({
      clientId: 'bench-service',
      redirectUris: [],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: false,
      grants: ['client_credentials'],
    });
    const app = await services.clients.add({
      clientId: 'bench-app',
      redirectUris: [REDIRECT_URI],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: true,
      grants: [],
    });
    const ids = Array.from({ length: people }, (_, i) => `bench-person-${i}`);
    await services.db.account.createMany({
      data: ids.map((id, i) => ({ id, email: personEmail(i), passwordHash })),
    });
    // The app was linked a while ago: every current step is still unused.
    // Linked through the store, as an enrolment would; on PostgreSQL one at a time, since concurrent
    // serializable enrolments conflict on the table's predicate locks.
    const together = config.database.kind === 'sqlite' ? 25 : 1;
    for (let from = 0; from < ids.length; from += together) {
      await Promise.all(
        ids
          .slice(from, from + together)
          .map((id) => services.authenticators.enroll(id, 'Bench phone', totpSecret, timeStep() - 100)),
      );
    }
    return {
      service: { id: service.clientId, secret: service.clientSecret!, redirectUri: REDIRECT_URI },
      app: { id: app.clientId, secret: app.clientSecret!, redirectUri: REDIRECT_URI },
    } satisfies Seeded;
  } finally {
    await services.protocolStore.close();
    await services.db.$disconnect();
  }
}

/** Adds accounts until there are `total`, all with `passwordHash` and no app; returns how many now. */
export async function fillAccounts(config: Readonly<Config>, total: number, passwordHash: string): Promise<number> {
  const database = config.database;
  if (database.kind === 'sqlite') {
    const db = new Sqlite(database.file);
    try {
      db.pragma('busy_timeout = 10000');
      const existing = (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
      const insert = db.prepare('INSERT INTO accounts (id, email, password_hash) VALUES (?, ?, ?)');
      db.transaction(() => {
        for (let i = existing; i < total; i++) insert.run(`filler-${i}`, `filler-${i}@bench.example`, passwordHash);
      })();
      return (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const count = async () =>
      Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM accounts')).rows[0]?.n);
    const existing = await count();
    await client.query(
      `INSERT INTO accounts (id, email, password_hash)
       SELECT 'filler-' || g, 'filler-' || g || '@bench.example', $1 FROM generate_series($2::int, $3::int - 1) AS g`,
      [passwordHash, existing, total],
    );
    // Measured in the steady state an operator's import reaches, not during its aftermath: the
    // vacuum that a million inserts set off and the checkpoint of their pages otherwise run on the
    // same two cores as the sign-ins that follow.
    await client.query('VACUUM ANALYZE accounts');
    await client.query('CHECKPOINT');
    return await count();
  } finally {
    await client.end();
  }
}
