/** One `<url>` or `<sitemap>` entry: a path on the shop, and when it last changed if known. */
export interface SitemapLink {
  path: string;
  lastmod?: string;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);
}

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

function entry(tag: 'url' | 'sitemap', origin: string, link: SitemapLink): string {
  const lastmod = link.lastmod ? `<lastmod>${escapeXml(link.lastmod)}</lastmod>` : '';
  return `<${tag}><loc>${escapeXml(origin + link.path)}</loc>${lastmod}</${tag}>\n`;
}

/** A `<urlset>`, a chunk of text per page of links, so a big one is never whole in memory. */
export async function* urlsetXml(
  origin: string,
  pages: AsyncIterable<SitemapLink[]> | Iterable<SitemapLink[]>,
): AsyncGenerator<string> {
  yield `${PROLOG}<urlset ${NS}>\n`;
  for await (const links of pages) yield links.map((l) => entry('url', origin, l)).join('');
  yield '</urlset>\n';
}

/** A `<sitemapindex>` listing the sitemap files. */
export function sitemapIndexXml(origin: string, files: SitemapLink[]): string {
  const entries = files.map((f) => entry('sitemap', origin, f)).join('');
  return `${PROLOG}<sitemapindex ${NS}>\n${entries}</sitemapindex>\n`;
}
