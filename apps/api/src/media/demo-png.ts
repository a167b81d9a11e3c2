import { renderDemoImage } from '@bazaar/db/seed';
import sharp from 'sharp';

/** Demo pictures are few (a couple per demo product); each PNG is made once per process. */
const MAX_KEPT = 512;
/**
 * Any well-formed key draws a picture, so drawing is what a hostile caller could make the API do
 * over and over: one PNG is drawn at a time, and a few more may wait; beyond that the caller is
 * told to come back (link-preview crawlers ask for a picture now and then).
 */
const MAX_WAITING = 4;
const made = new Map<string, Promise<Buffer>>();
let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;

export type DemoPng = Buffer | 'unknown' | 'busy';

/**
 * A demo picture as PNG, for link previews: Open Graph and Twitter cards do not show SVG, which
 * is what the demo catalog's pictures are (drawn by `renderDemoImage`).
 */
export async function demoImagePng(key: string): Promise<DemoPng> {
  const kept = made.get(key);
  if (kept) return kept;
  const svg = renderDemoImage(key);
  if (!svg) return 'unknown';
  if (waiting >= MAX_WAITING) return 'busy';
  waiting++;
  const png = queue.then(() => sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer());
  queue = png.catch(() => {}).finally(() => waiting--);
  if (made.size >= MAX_KEPT) made.delete(made.keys().next().value as string);
  made.set(key, png);
  png.catch(() => made.delete(key));
  return png;
}
