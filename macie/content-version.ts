/** Short content digests for names and construct ids that must change exactly when their content does. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always serialize alike. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

/** Ten hex characters of the SHA-256 of the canonical JSON of `value`. */
export function contentVersion(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 10);
}
