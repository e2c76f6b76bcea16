// PostgreSQL text cannot hold a NUL byte: a query that compares a column with one fails instead of
// matching nothing (SQLite just matches nothing). No key we store contains one — emails, client ids
// and protocol ids are refused or generated without — so a lookup for such a value is "not found".
export function mayBeStored(key: string): boolean {
  return !key.includes('\u0000');
}
