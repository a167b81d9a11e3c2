import { renderDemoImage } from '@bazaar/db/seed';
import sharp from 'sharp';

/** Demo pictures are few (a couple per demo product); each PNG is made once per process. */
const MAX_KEPT = 512;
const made = new Map<string, Promise<Buffer>>();

/**
 * A demo picture as PNG, for link previews: Open Graph and Twitter cards do not show SVG, which
 * is what the demo catalog's pictures are (drawn by `renderDemoImage`). Null for an unknown key.
 */
export function demoImagePng(key: string): Promise<Buffer> | null {
  const kept = made.get(key);
  if (kept) return kept;
  const svg = renderDemoImage(key);
  if (!svg) return null;
  const png = sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
  if (made.size >= MAX_KEPT) made.delete(made.keys().next().value as string);
  made.set(key, png);
  png.catch(() => made.delete(key));
  return png;
}
