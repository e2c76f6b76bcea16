// The migrations as they lie in prisma/migrations/<database>/, named and checksummed the way Prisma
// records them in `_prisma_migrations` (the folder's name, the SHA-256 of its migration.sql): what
// `prisma migrate status` compares a database against, read here independently of the product's
// migrator.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

export function migrationsOnDisk(kind: 'sqlite' | 'postgresql'): { name: string; checksum: string }[] {
  const dir = join(packageRoot, 'prisma', 'migrations', kind);
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'migration.sql')))
    .sort()
    .map((name) => ({
      name,
      checksum: createHash('sha256')
        .update(readFileSync(join(dir, name, 'migration.sql')))
        .digest('hex'),
    }));
}
