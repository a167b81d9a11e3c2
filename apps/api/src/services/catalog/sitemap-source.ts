import type { Database } from '@bazaar/db';
import {
  productSitemapFiles,
  productSitemapPages,
  SITEMAP_MAX_URLS,
  type SitemapEntry,
  sitemapCategorySlugs,
} from './sitemap.ts';

/** What the sitemap routes read: the shop's public origin and the catalog, file by file. */
export interface SitemapSource {
  publicUrl: string;
  /** One entry per product sitemap file, with the newest update among its products. */
  productFiles(): Promise<{ lastmod: string }[]>;
  /** Product file `file` (1-based) a page at a time, or null past the last one. */
  productPages(file: number): Promise<AsyncGenerator<SitemapEntry[]> | null>;
  categorySlugs(): Promise<string[]>;
}

export function createSitemapSource(
  db: Database,
  publicUrl: string,
  perFile: number = SITEMAP_MAX_URLS,
): SitemapSource {
  return {
    publicUrl,
    productFiles: () => productSitemapFiles(db, perFile),
    productPages: (file) => productSitemapPages(db, file, perFile),
    categorySlugs: () => sitemapCategorySlugs(db),
  };
}
