import type { ProductDetail, ProductPage } from '@bazaar/contracts';
import type { APIRequestContext } from '@playwright/test';

/**
 * Minimal tRPC GET calls through the web app's same-origin `/trpc` rewrite, used to discover
 * demo data instead of hardcoding slugs. (Inputs and outputs here are plain JSON, so the
 * superjson envelope is just `{ json: … }`.)
 */
async function query<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/trpc/${path}`, {
    params: { input: JSON.stringify({ json: input }) },
  });
  if (!res.ok()) throw new Error(`${path} failed with HTTP ${res.status()}: ${await res.text()}`);
  const body = (await res.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

export const listProducts = (
  request: APIRequestContext,
  input: { limit: number; cursor?: string; categorySlug?: string },
) => query<ProductPage>(request, 'catalog.products.list', input);

export const productBySlug = (request: APIRequestContext, slug: string) =>
  query<ProductDetail>(request, 'catalog.products.bySlug', { slug });

/** Every active product, following cursors. */
export async function allProducts(request: APIRequestContext) {
  const items: ProductPage['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listProducts(request, { limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
