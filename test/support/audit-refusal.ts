// A database that refuses audit rows of one type (a trigger, on SQLite or PostgreSQL), as a failing
// audit write would: for tests that a change and its audit row commit together or not at all.
import type { RunningTwofold } from './twofold.js';

/** Makes the database refuse audit rows of one type (a trigger), as a failing audit write would. */
export async function refuseAuditRows(twofold: RunningTwofold, type: string): Promise<void> {
  if (twofold.config.database.kind === 'sqlite') {
    await twofold.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.type = '${type}' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    return;
  }
  await twofold.db.$executeRawUnsafe(
    `CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN IF NEW.type = '${type}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
  );
  await twofold.db.$executeRawUnsafe(
    'CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()',
  );
}

export async function allowAuditRows(twofold: RunningTwofold): Promise<void> {
  if (twofold.config.database.kind === 'sqlite') {
    await twofold.db.$executeRawUnsafe('DROP TRIGGER refuse_audit');
    return;
  }
  await twofold.db.$executeRawUnsafe('DROP TRIGGER refuse_audit ON audit_events');
  await twofold.db.$executeRawUnsafe('DROP FUNCTION refuse_audit()');
}
