import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { customRole, signedIn, staffMember } from './fixtures.ts';
import { SHOP_ORIGIN, UPLOAD_MAX_BYTES, useTestApp } from './helpers.ts';

/** Catalog image uploads: who may, what is accepted, what is made and how it is served. */
// Demo mode: the Owner needs no second factor to work.
const app = useTestApp({ config: { demoMode: true } });

let editor: string;
let support: string;
let customer: string;

beforeAll(async () => {
  const db = app().db;
  editor = (await signedIn(app(), (await staffMember(db, 'Owner')).email)).cookie() ?? '';
  const role = await customRole(db, 'No catalog', ['orders:read']);
  support = (await signedIn(app(), (await staffMember(db, role)).email)).cookie() ?? '';
  const { customerAccount } = await import('./fixtures.ts');
  customer = (await signedIn(app(), (await customerAccount(db)).email)).cookie() ?? '';
});

/** A real photo-like JPEG of the given size, with an EXIF orientation that turns it upright. */
const jpeg = (width: number, height: number, orientation = 1) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation })
    .toBuffer();

function upload(
  body: Buffer | string,
  init: { session?: string; type?: string; origin?: string | null } = {},
) {
  const headers: Record<string, string> = { 'content-type': init.type ?? 'image/jpeg' };
  if (init.origin !== null) headers.origin = init.origin ?? SHOP_ORIGIN;
  if (init.session !== undefined) headers.cookie = `bazaar_session=${init.session}`;
  const payload = typeof body === 'string' ? body : new Blob([new Uint8Array(body)]);
  return fetch(`${app().url}/media/uploads`, { method: 'POST', headers, body: payload });
}

describe('image uploads', () => {
  it('makes upright WebP versions at 400, 800 and 1600 px and serves them for a year', async () => {
    // Portrait stored sideways: EXIF orientation 6 means "rotate 90° to show".
    const res = await upload(await jpeg(2400, 1800, 6), { session: editor });
    expect(res.status).toBe(201);
    const stored = (await res.json()) as {
      url: string;
      width: number;
      height: number;
      widths: number[];
    };
    expect(stored.widths).toEqual([400, 800, 1600]);
    expect(stored).toMatchObject({ width: 1600, height: 2133 });
    expect(stored.url).toMatch(/^\/media\/uploads\/[0-9a-f-]{36}\/1600\.webp$/);

    for (const width of stored.widths) {
      const file = await fetch(`${app().url}${stored.url.replace('1600.webp', `${width}.webp`)}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/webp');
      expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      expect(meta).toMatchObject({ format: 'webp', width });
      // Metadata (EXIF: camera, GPS position) is not passed on.
      expect(meta.exif).toBeUndefined();
      expect(meta.height).toBeGreaterThan(width);
    }
  });

  it('never enlarges a small image', async () => {
    const res = await upload(
      await sharp({ create: { width: 300, height: 200, channels: 4, background: '#336699' } })
        .png()
        .toBuffer(),
      {
        session: editor,
        type: 'application/octet-stream',
      },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ width: 300, height: 200, widths: [300] });
  });

  it('judges the type by content, not by what the request says', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    const html = '<!doctype html><script>alert(1)</script>';
    for (const body of [svg, html, 'not an image at all']) {
      const res = await upload(body, { session: editor, type: 'image/jpeg' });
      expect(res.status, body.slice(0, 20)).toBe(415);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /JPEG, PNG, WebP|not an image/,
      );
    }
    const empty = await upload('', { session: editor });
    expect(empty.status).toBe(415);
  });

  it('refuses an image above the size limit with 413, stored nowhere', async () => {
    const big = Buffer.alloc(UPLOAD_MAX_BYTES + 1);
    (await jpeg(10, 10)).copy(big);
    const res = await upload(big, { session: editor });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('Images are at most 2 MB');
  });

  it('is only for staff who may edit the catalog, from the shop itself', async () => {
    const image = await jpeg(50, 50);
    expect((await upload(image)).status).toBe(401);
    expect((await upload(image, { session: 'x'.repeat(20) })).status).toBe(401);
    expect((await upload(image, { session: customer })).status).toBe(403);
    const lacking = await upload(image, { session: support });
    expect(lacking.status).toBe(403);
    expect(await lacking.json()).toEqual({ error: 'Requires permission catalog:write' });
    // Cross-site: another origin, or a body a plain HTML form could send.
    expect((await upload(image, { session: editor, origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect(
      (await upload(image, { session: editor, type: 'multipart/form-data; boundary=x' })).status,
    ).toBe(415);
    expect((await upload(image, { session: editor, type: 'text/plain' })).status).toBe(415);
    // Only POST uploads.
    expect((await fetch(`${app().url}/media/uploads`)).status).toBe(405);
  });

  it('serves nothing outside the stored images', async () => {
    for (const path of [
      '/media/uploads/../../etc/passwd',
      '/media/uploads/not-an-id/1600.webp',
      '/media/uploads/00000000-0000-4000-8000-000000000000/1600.webp',
      '/media/uploads/00000000-0000-4000-8000-000000000000/..%2F..%2Fpackage.json',
    ]) {
      expect((await fetch(`${app().url}${path}`)).status, path).toBe(404);
    }
  });
});
