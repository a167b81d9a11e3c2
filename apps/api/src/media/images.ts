import sharp, { type Metadata } from 'sharp';

/** Formats staff may upload, recognised from the file's bytes (never from its name or type). */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'heif']);
/** Widths made of every image (only those not above the original). */
export const IMAGE_WIDTHS = [400, 800, 1600] as const;
/** Decompression bombs: refuse images of more than this many pixels. */
const MAX_PIXELS = 50_000_000;

export class ImageRejected extends Error {
  override readonly name = 'ImageRejected';
}

export interface ProcessedImage {
  /** WebP files by width, largest last. */
  versions: { width: number; height: number; data: Buffer }[];
}

/**
 * Checks that `input` is an image of an accepted format (by content: an SVG, a PDF or an HTML file
 * named `.jpg` is refused) and makes the WebP versions, upright (EXIF orientation applied) and
 * without metadata (no GPS position from a phone leaves the shop).
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new ImageRejected('This file is not an image we can read');
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) {
    throw new ImageRejected('Upload a JPEG, PNG, WebP, AVIF or GIF image');
  }
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
  if (!upright.width || !upright.height) throw new ImageRejected('This image has no size');
  const widths = [...new Set(IMAGE_WIDTHS.map((w) => Math.min(w, upright.width)))];
  try {
    const versions = await Promise.all(
      widths.map(async (width) => {
        const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS })
          .rotate()
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer({ resolveWithObject: true });
        return { width: info.width, height: info.height, data };
      }),
    );
    return { versions };
  } catch {
    throw new ImageRejected('This image is damaged or too large to process');
  }
}
