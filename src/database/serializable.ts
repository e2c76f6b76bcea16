// A check-then-write that must hold against concurrent requests on any number of instances, as one
// SERIALIZABLE transaction: of two that touch the same rows PostgreSQL aborts one (P2034), which is
// retried and then sees the winner's write. SQLite runs transactions one at a time anyway.
import type { Database, Prisma } from './client.js';

const ATTEMPTS = 5;

function isWriteConflict(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2034';
}

export async function serializable<T>(db: Database, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: 'Serializable' });
    } catch (error) {
      if (isWriteConflict(error) && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}
