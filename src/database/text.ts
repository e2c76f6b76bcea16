// PostgreSQL text cannot hold a NUL byte: a query that compares a column with one fails instead of
// matching nothing (SQLite just matches nothing). No key we store contains one — emails, client ids
// and protocol ids are refused or generated without — so a lookup for such a value is "not found".
export function mayBeStored(key: string): boolean {
  return !key.includes('\u0000');
}

/** Prisma's field name for a snake_case column (`display_name` → `displayName`), as the schema maps them. */
export const fieldOf = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
