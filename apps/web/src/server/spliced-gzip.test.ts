import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressParts, splicedGzip } from './spliced-gzip';

const NONCE = 'n0nce+/AbCdEfGhIjKlMn==A';
const page = (nonce: string) =>
  `<html><head><script nonce="${nonce}">a()</script></head><body>${'<p>Hello, world</p>'.repeat(
    500,
  )}<script nonce="${nonce}">b()</script></body></html>`;
const split = (text: string) => text.split('\u0000').map((s) => Buffer.from(s));

describe('spliced gzip', () => {
  it('decompresses to the parts with the fill between each two', () => {
    const parts = split(page('\u0000'));
    for (const gzip of [compressParts(parts), compressParts(parts, { fillLength: 24 })]) {
      for (const nonce of [NONCE, 'another-nonce-of-24-char']) {
        expect(gunzipSync(splicedGzip(gzip, Buffer.from(nonce))).toString()).toBe(page(nonce));
      }
    }
  });

  it('keeps distances right across fills when the text around them repeats', () => {
    // Text like the fill's neighbourhood tempts matches across the fill's place.
    const doc = (n: string) =>
      `nonce="${n}" ${`nonce="${n}" x="${NONCE.slice(0, 9)}" `.repeat(3000)}`;
    const out = splicedGzip(
      compressParts(split(doc('\u0000')), { fillLength: 24 }),
      Buffer.from(NONCE),
    );
    expect(gunzipSync(out).toString()).toBe(doc(NONCE));
  });

  it('refuses a fill of another length than the parts were compressed for', () => {
    const gzip = compressParts([Buffer.from('a'), Buffer.from('b')], { fillLength: 3 });
    expect(() => splicedGzip(gzip, Buffer.from('four'))).toThrow(/3-byte/);
  });

  it('compresses parts holding NUL bytes without a dictionary, still correctly', () => {
    const gzip = compressParts([Buffer.from('a\u0000b'), Buffer.from('c')], { fillLength: 2 });
    expect(gzip.fillLength).toBeUndefined();
    expect(gunzipSync(splicedGzip(gzip, Buffer.from('xyz'))).toString()).toBe('a\u0000bxyzc');
  });

  it('handles a document without any fill, and empty parts', () => {
    const plain = splicedGzip(compressParts([Buffer.from('plain')]), Buffer.from('x'));
    expect(gunzipSync(plain).toString()).toBe('plain');
    const empty = compressParts([Buffer.alloc(0), Buffer.alloc(0), Buffer.from('end')]);
    expect(gunzipSync(splicedGzip(empty, Buffer.from('ab'))).toString()).toBe('ababend');
  });

  it('compresses about as well as gzip of the whole', () => {
    const gzip = compressParts(split(page('\u0000')), { fillLength: 24 });
    const spliced = splicedGzip(gzip, Buffer.from(NONCE));
    // Each fill costs a 5-byte stored block header and its bytes uncompressed.
    expect(spliced.length).toBeLessThan(gzipSync(page(NONCE)).length + 2 * (5 + 24) + 16);
  });

  it('fails loudly on a wrong CRC rather than serving garbage', () => {
    const out = splicedGzip(compressParts([Buffer.from('a'), Buffer.from('b')]), Buffer.from('-'));
    const crcAt = out.length - 8;
    out.writeUInt8(out.readUInt8(crcAt) ^ 1, crcAt);
    expect(() => gunzipSync(out)).toThrow();
  });
});
