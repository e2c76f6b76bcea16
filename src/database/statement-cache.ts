// Prisma's SQLite driver adapter (@prisma/adapter-better-sqlite3 7.10) prepares every query's SQL
// afresh (`client.prepare(sql).bind(args)`), and better-sqlite3's prepare is a parse and plan in
// SQLite: ~9 % of the server's busy time in a sign-in profile (issue 11). A statement can be bound
// once only, so the cache hands the adapter a stand-in whose bind() passes the arguments to each
// call of a statement prepared once per SQL text. Prisma's SQL is parameterised, so the number of
// texts is small; past MAX_STATEMENTS new ones are simply not kept. The adapter's connection is not
// part of its typed API: if a later version hides it, nothing is cached and everything still works.
import type Sqlite from 'better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const MAX_STATEMENTS = 1000;

type Args = unknown[];

function standIn(statement: Sqlite.Statement) {
  return {
    reader: statement.reader,
    run: () => statement.run(),
    bind: (args: Args) => ({
      reader: statement.reader,
      run: () => statement.run(args),
      columns: () => statement.columns(),
      raw: () => ({ all: () => statement.raw(true).all(args) }),
    }),
  };
}

function cachePrepare(connection: Sqlite.Database): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, Sqlite.Statement>();
  connection.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (statements.size < MAX_STATEMENTS) statements.set(sql, statement);
    }
    return standIn(statement);
  }) as unknown as typeof connection.prepare;
}

/**
 * The same adapter factory, whose connections prepare each SQL text once and are passed to
 * `configure` (connection settings of ours, such as checkpoints.ts's).
 */
export function withStatementCache(
  factory: SqlMigrationAwareDriverAdapterFactory,
  configure?: (connection: Sqlite.Database) => void,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter: SqlDriverAdapter = await factory.connect();
      const connection = (adapter as unknown as { client?: Sqlite.Database }).client;
      if (typeof connection?.prepare === 'function') {
        cachePrepare(connection);
        configure?.(connection);
      }
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
