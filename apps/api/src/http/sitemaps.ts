import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SitemapSource } from '../services/catalog/sitemap-source.ts';
import { type SitemapLink, sitemapIndexXml, urlsetXml } from './sitemap-xml.ts';

/** Search engines come back for these daily at most; an hour keeps a crawl off the database. */
const CACHE_CONTROL = 'public, max-age=3600';

const PRODUCT_FILE = /^\/sitemaps\/products-([1-9]\d{0,6})\.xml$/;

export function isSitemapPath(path: string): boolean {
  return path === '/sitemap.xml' || path.startsWith('/sitemaps/');
}

/**
 * `GET /sitemap.xml`, the index, and the files it lists: `/sitemaps/pages.xml` (the home page
 * and categories) and `/sitemaps/products-N.xml`, streamed a keyset page at a time. The web app
 * rewrites these paths here, so every `<loc>` is on the shop's public origin. False when the
 * path is no sitemap (the caller answers 404).
 */
export async function serveSitemap(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  sitemaps: SitemapSource,
): Promise<boolean> {
  const origin = sitemaps.publicUrl.replace(/\/+$/, '');
  if (path === '/sitemap.xml') {
    const products = await sitemaps.productFiles();
    const files: SitemapLink[] = [
      { path: '/sitemaps/pages.xml' },
      ...products.map((f, i) => ({ path: `/sitemaps/products-${i + 1}.xml`, lastmod: f.lastmod })),
    ];
    await send(req, res, [sitemapIndexXml(origin, files)]);
    return true;
  }
  if (path === '/sitemaps/pages.xml') {
    const categories = await sitemaps.categorySlugs();
    const links = [
      { path: '/' },
      ...categories.map((slug) => ({ path: `/c/${encodePath(slug)}` })),
    ];
    await send(req, res, urlsetXml(origin, [links]));
    return true;
  }
  const file = PRODUCT_FILE.exec(path)?.[1];
  if (!file) return false;
  const pages = await sitemaps.productPages(Number(file));
  if (!pages) return false;
  const links = async function* () {
    for await (const page of pages) {
      yield page.map((p) => ({ path: `/p/${encodePath(p.slug)}`, lastmod: p.lastmod }));
    }
  };
  await send(req, res, urlsetXml(origin, links()));
  return true;
}

/** Slugs are `[a-z0-9-]` by contract, but rows written outside the API are not checked. */
const encodePath = (slug: string) => encodeURIComponent(slug);

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  body: AsyncIterable<string> | Iterable<string>,
) {
  res.writeHead(200, {
    'content-type': 'application/xml; charset=utf-8',
    'cache-control': CACHE_CONTROL,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // Written as the client reads it (backpressure): memory stays flat at any catalog size.
  await pipeline(Readable.from(body), res);
}
