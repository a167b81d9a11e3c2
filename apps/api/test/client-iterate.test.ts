import { createClient, type ProductPage } from '@bazaar/contracts/server';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.ts';

const app = useTestApp();

/** A client counting the HTTP requests it makes. */
function countingClient() {
  const counter = { requests: 0 };
  const client = createClient({
    url: `${app().url}/trpc`,
    fetch: (input, init) => {
      counter.requests++;
      return fetch(input, init);
    },
  });
  return { client, counter };
}

describe('client.catalog.products.iterate', () => {
  it('walks every page of a listing by its keyset cursors, each product once', async () => {
    const { client, counter } = countingClient();
    const seen: string[] = [];
    let pages: ProductPage[] = [];
    for await (const page of client.catalog.products.iterate({ limit: 3, sort: 'price_asc' })) {
      pages = [...pages, page];
      seen.push(...page.items.map((p) => p.id));
    }
    const total = pages[0]?.total ?? 0;
    expect(total).toBeGreaterThan(6);
    expect(pages).toHaveLength(Math.ceil(total / 3));
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(counter.requests).toBe(pages.length);
    // In price order across pages, as one long listing would be.
    const prices = pages.flatMap((p) => p.items.map((i) => i.priceMin.amount));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('fetches a page only when the loop asks for it, and starts from a given cursor', async () => {
    const { client, counter } = countingClient();
    let first: ProductPage | undefined;
    for await (const page of client.catalog.products.iterate({ limit: 2 })) {
      first = page;
      break;
    }
    expect(counter.requests).toBe(1);
    const rest = client.catalog.products.iterate({
      limit: 2,
      cursor: first?.nextCursor ?? undefined,
    });
    const second = await rest.next();
    expect(second.value?.items[0]?.id).not.toBe(first?.items[0]?.id);
    expect(second.value?.items.map((i) => i.id)).toEqual(
      (
        await client.catalog.products.list.query({
          limit: 2,
          cursor: first?.nextCursor ?? undefined,
        })
      ).items.map((i) => i.id),
    );
  });
});
