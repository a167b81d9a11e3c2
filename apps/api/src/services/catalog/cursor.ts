import { invalidField } from '@bazaar/contracts/server';
import { z } from 'zod';

/**
 * A `timestamptz` as PostgreSQL prints it (`2026-03-01 10:00:00.123456+00`), with a calendar
 * date and time that exist: anything else would make the keyset comparison fail in SQL.
 */
const PG_TIMESTAMPTZ =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-])(\d{2})(?::(\d{2}))?$/;

export function isPgTimestamptz(text: string): boolean {
  const m = PG_TIMESTAMPTZ.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = Number(m[9]);
  const offsetMinutes = Number(m[10] ?? 0);
  if (year < 1 || hour > 23 || minute > 59 || second > 59) return false;
  if (offsetHours > 15 || offsetMinutes > 59) return false;
  // Dates roll over (2020-02-30 becomes March 1st): the date exists only if it survives.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const uuid = z.uuid();

/**
 * Keyset positions, one per sort: the last row's sort key and id. The key is what PostgreSQL
 * compares (timestamps and ranks as it prints them, so nothing is lost on the way).
 */
const productCursorSchema = z.discriminatedUnion('s', [
  z.object({ s: z.literal('newest'), t: z.string().max(40).refine(isPgTimestamptz), i: uuid }),
  z.object({ s: z.enum(['price_asc', 'price_desc']), p: z.int().min(0), i: uuid }),
  z.object({ s: z.literal('name'), k: z.string().max(1000), i: uuid }),
  z.object({
    s: z.literal('relevance'),
    r: z.string().regex(/^\d+(\.\d+)?(e[-+]?\d+)?$/),
    i: uuid,
  }),
]);
export type ProductCursor = z.infer<typeof productCursorSchema>;

export function encodeCursor(cursor: ProductCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The position a cursor holds; a field error when it is malformed or made for another sort. */
export function decodeCursor<S extends ProductCursor['s']>(
  raw: string,
  sort: S,
): Extract<ProductCursor, { s: S }> {
  try {
    const parsed = productCursorSchema.safeParse(
      JSON.parse(Buffer.from(raw, 'base64url').toString()),
    );
    if (parsed.success && parsed.data.s === sort) {
      return parsed.data as Extract<ProductCursor, { s: S }>;
    }
  } catch {
    // fall through: any malformed cursor is the caller's error
  }
  throw invalidField('cursor', 'Invalid cursor');
}
