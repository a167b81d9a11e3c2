import type { IncomingMessage, ServerResponse } from 'node:http';
import { ImageRejected, processImage } from '../media/images.ts';
import type { MediaStore } from '../media/store.ts';

/** Raw image bodies only: a cross-site form cannot send these without a CORS preflight. */
export const UPLOAD_CONTENT_TYPES = [
  'application/octet-stream',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'image/heic',
];

export type Reply = (status: number, body: unknown) => void;

/** Reads the body, refusing (413) as soon as it is larger than `max`. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `POST /media/uploads`: an image for the catalog (the caller is checked before this runs).
 * Answers 201 with the stored image, 413 when too large, 415 when not an accepted image.
 */
export async function receiveUpload(req: IncomingMessage, media: MediaStore, reply: Reply) {
  const body = await readBody(req, media.maxBytes);
  if (!body) {
    // Stop reading what is left of a too-large upload.
    req.resume();
    return reply(413, {
      error: `Images are at most ${Math.floor(media.maxBytes / 1024 / 1024)} MB`,
    });
  }
  if (body.length === 0) return reply(415, { error: 'The upload is empty' });
  try {
    const image = await processImage(body);
    return reply(201, await media.save(image));
  } catch (error) {
    if (error instanceof ImageRejected) return reply(415, { error: error.message });
    throw error;
  }
}

/** `GET /media/uploads/<id>/<width>.webp`: stored images never change, so caches keep them. */
export async function serveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  media: MediaStore,
  id: string,
  file: string,
): Promise<boolean> {
  const found = await media.open(id, file);
  if (!found) return false;
  res.writeHead(200, {
    'content-type': 'image/webp',
    'content-length': found.size,
    'cache-control': 'public, max-age=31536000, immutable',
    'content-security-policy': "default-src 'none'",
  });
  if (req.method === 'HEAD') res.end();
  else found.stream().pipe(res);
  return true;
}
