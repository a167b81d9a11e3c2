import superjson from 'superjson';

/** Deeper values are left to superjson, which also guards against cycles. */
const MAX_DEPTH = 64;

/**
 * True when superjson would send `value` as it is, with no annotations: only strings, booleans,
 * finite numbers other than -0, null, arrays without holes and plain objects of those, and no key
 * superjson refuses. Reads the value without copying it.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value) || !isPlainJson(value[i], depth + 1)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      // for-in rather than Object.keys (no array per object). Its keys are the object's own
      // enumerable ones, as Object.prototype has none; were it polluted with one, that key would
      // be read here too, which can only send the value through superjson.
      for (const key in value) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') return false;
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * superjson's wire format, without its walk when there is nothing to annotate. superjson copies
 * every value it serializes while looking for dates, maps and the like; most answers (a catalog
 * page: strings, integers, booleans) have none, and that copy was a tenth of a listing's CPU in
 * the API. Such a value is sent as superjson sends it, `{ json: value }`, and anything else goes
 * through superjson itself. One difference: an object appearing twice in one answer arrives as two
 * equal objects rather than one (superjson's `referentialEqualities`), which JSON data never needs.
 * Readers deserialize with superjson, so any superjson client reads it.
 */
export const transformer = {
  serialize(value: unknown): unknown {
    return isPlainJson(value, 0) ? { json: value } : superjson.serialize(value);
  },
  deserialize<T>(payload: unknown): T {
    return superjson.deserialize<T>(payload as Parameters<typeof superjson.deserialize>[0]);
  },
};
