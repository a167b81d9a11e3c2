import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessedImage } from './images.ts';

export interface StoredImage {
  /** The largest version; the others sit next to it as `<width>.webp`. */
  url: string;
  width: number;
  height: number;
  widths: number[];
}

/** Uploaded images on disk: `<dir>/<id>/<width>.webp`, served under `/media/uploads/`. */
export interface MediaStore {
  dir: string;
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  save(image: ProcessedImage): Promise<StoredImage>;
  /** A stored file to stream, or null when there is none by that name. */
  open(
    id: string,
    file: string,
  ): Promise<{ size: number; stream: () => NodeJS.ReadableStream } | null>;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FILE = /^\d{1,5}\.webp$/;

export function createMediaStore(dir: string, maxBytes: number): MediaStore {
  return {
    dir,
    maxBytes,
    async save(image) {
      const id = randomUUID();
      // Written under a temporary name and renamed, so a half-written upload is never served.
      const folder = join(dir, id);
      const pending = join(dir, `.${id}.partial`);
      await mkdir(pending, { recursive: true });
      await Promise.all(
        image.versions.map((v) => writeFile(join(pending, `${v.width}.webp`), v.data)),
      );
      await rename(pending, folder);
      const largest = image.versions.at(-1);
      if (!largest) throw new Error('no image versions');
      return {
        url: `/media/uploads/${id}/${largest.width}.webp`,
        width: largest.width,
        height: largest.height,
        widths: image.versions.map((v) => v.width),
      };
    },
    async open(id, file) {
      if (!ID.test(id) || !FILE.test(file)) return null;
      const path = join(dir, id, file);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return { size: info.size, stream: () => createReadStream(path) };
    },
  };
}
