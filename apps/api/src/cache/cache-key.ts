import { createHash } from 'node:crypto';

/** Keys longer than this are stored by their hash (search text and filters can be long). */
const MAX_KEY_CHARS = 200;

/**
 * JSON with object keys sorted at every level, and undefined members left out (as JSON does),
 * so inputs that mean the same give the same key whatever order their fields were written in.
 */
export function stableStringify(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** `name:input`, or `name#<sha1>` when that would be long. */
export function cacheKey(name: string, input: unknown): string {
  const key = `${name}:${stableStringify(input)}`;
  if (key.length <= MAX_KEY_CHARS) return key;
  return `${name}#${createHash('sha1').update(key).digest('base64url')}`;
}
