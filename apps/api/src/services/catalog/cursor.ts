import { invalidField } from '@bazaar/contracts';
import { z } from 'zod';

/** Keyset position "newest first": the last row's created_at (full precision, as text) and id. */
const newestCursorSchema = z.object({ s: z.literal('newest'), t: z.string().min(1), i: z.uuid() });
export type NewestCursor = z.infer<typeof newestCursorSchema>;

export function encodeCursor(cursor: NewestCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string): NewestCursor {
  try {
    const parsed = newestCursorSchema.safeParse(
      JSON.parse(Buffer.from(raw, 'base64url').toString()),
    );
    if (parsed.success && !Number.isNaN(Date.parse(parsed.data.t))) return parsed.data;
  } catch {
    // fall through: any malformed cursor is the caller's error
  }
  throw invalidField('cursor', 'Invalid cursor');
}
