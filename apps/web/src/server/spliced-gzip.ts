import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Gzip for a document whose parts never change while a short string between them (the CSP
 * nonce) differs in every copy. The parts are compressed once, each ending on a byte boundary (a
 * sync flush), so a copy is the parts' compressed bytes with the string spliced in between as a
 * stored (uncompressed) deflate block, then the trailer (CRC-32 and length of the whole). Serving
 * a copy costs a CRC over the text, not a compression.
 *
 * When the string's length is known and no part holds a NUL byte, each part is compressed with
 * the text before it as its dictionary (as pigz does), the strings stood in for by NULs: no match
 * can then reach into them (the text has no NUL to match), and every distance stays right since
 * the real string has the same length. Otherwise each part starts afresh.
 */
export interface SplicedGzip {
  /** Compressed parts; the last one ends the deflate stream. */
  readonly compressed: readonly Buffer[];
  /** The uncompressed parts, for the CRC. */
  readonly parts: readonly Buffer[];
  /** The length every fill must have (the parts were compressed expecting it), if any. */
  readonly fillLength: number | undefined;
  readonly byteLength: number;
}

const WINDOW = 32 * 1024;

// ID1 ID2, deflate, no flags, no mtime, no extra flags, OS unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

export function compressParts(
  parts: readonly Buffer[],
  { fillLength, level = 6 }: { fillLength?: number; level?: number } = {},
): SplicedGzip {
  const chained = fillLength !== undefined && parts.every((part) => !part.includes(0));
  const standIn = Buffer.alloc(chained ? fillLength : 0);
  let history = Buffer.alloc(0);
  const compressed = parts.map((part, i) => {
    const out = deflateRawSync(part, {
      level,
      finishFlush: i === parts.length - 1 ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      ...(chained && history.length > 0 ? { dictionary: history } : {}),
    });
    if (chained) history = Buffer.concat([history, part, standIn]).subarray(-WINDOW);
    return out;
  });
  const byteLength = compressed.reduce((sum, c) => sum + c.length, 0);
  return { compressed, parts, fillLength: chained ? fillLength : undefined, byteLength };
}

/** The gzip bytes of parts[0] + fill + parts[1] + fill + … (one fill between each two parts). */
export function splicedGzip(gzip: SplicedGzip, fill: Buffer): Buffer {
  if (fill.length > 0xffff) throw new Error('a spliced string must be under 64 KiB');
  if (gzip.fillLength !== undefined && fill.length !== gzip.fillLength) {
    throw new Error(`the parts were compressed for a ${gzip.fillLength}-byte fill`);
  }
  const gaps = gzip.compressed.length - 1;
  const stored = storedBlock(fill);
  let crc = 0;
  let length = 0;
  const chunks: Buffer[] = [GZIP_HEADER];
  gzip.compressed.forEach((chunk, i) => {
    const part = gzip.parts[i] as Buffer;
    chunks.push(chunk);
    // (Node 20's crc32 of an empty buffer that went through zlib answers 0, not the value.)
    if (part.length > 0) crc = crc32(part, crc);
    length += part.length;
    if (i < gaps) {
      chunks.push(stored);
      crc = crc32(fill, crc);
      length += fill.length;
    }
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  chunks.push(trailer);
  return Buffer.concat(chunks);
}

/** A non-final stored deflate block holding `data` (the stream is byte-aligned before it). */
function storedBlock(data: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = 0; // BFINAL 0, BTYPE 00 (stored), padded to the byte boundary
  header.writeUInt16LE(data.length, 1);
  header.writeUInt16LE(~data.length & 0xffff, 3);
  return Buffer.concat([header, data]);
}
