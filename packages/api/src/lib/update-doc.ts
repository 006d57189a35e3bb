/**
 * Partial updates from GraphQL inputs, where `undefined` means "leave as is" and `null` means
 * "clear": one place builds the MongoDB update document for every service.
 */

/** A trimmed string, null for an empty one; undefined and null pass through. */
export const trimmedOrNull = (v: string | null | undefined): string | null | undefined => (typeof v === 'string' ? v.trim() || null : v);

/**
 * `$set` for given values, `$unset` for nulls (undefined leaves a field as is). Empty operators are
 * dropped, since MongoDB refuses `{ $unset: {} }`; nothing to change gives `{}`.
 */
export function updateOf(values: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (v === null) $unset[k] = 1;
    else $set[k] = v;
  }
  return Object.fromEntries(Object.entries({ $set, $unset }).filter(([, ops]) => Object.keys(ops).length > 0));
}
