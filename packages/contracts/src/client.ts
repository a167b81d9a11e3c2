import {
  createTRPCClient,
  httpBatchLink,
  type TRPCClient,
  type TRPCClientError,
} from '@trpc/client';
import { MAX_BATCH_SIZE } from './limits.ts';
import type { AppRouter } from './root.ts';
import type { ProductListInput, ProductPage } from './schemas/catalog-browse.ts';
import { transformer } from './transformer.ts';

export interface ClientOptions {
  /** Full URL of the tRPC endpoint, e.g. `https://shop.example.com/trpc`. */
  url: string;
  /**
   * Extra headers for every request (e.g. a cookie when calling from a server), or a function
   * giving them per request. A header whose value is undefined is not sent, so an optional
   * token needs no branch: `{ authorization: token && 'Bearer ' + token }`.
   */
  headers?: OptionalHeaders | (() => OptionalHeaders | Promise<OptionalHeaders>);
  fetch?: typeof fetch;
}

type OptionalHeaders = Record<string, string | undefined>;

/** The headers with a value: a Fetch `Headers` would send an undefined one as "undefined". */
function definedHeaders(headers: OptionalHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}

/** Every page of a keyset-paginated listing, from the first (or `input.cursor`) on. */
async function* pages<
  TInput extends { cursor?: string | undefined },
  TPage extends { nextCursor: string | null },
>(list: (input: TInput) => Promise<TPage>, input: TInput): AsyncGenerator<TPage, void, undefined> {
  let cursor = input.cursor;
  do {
    const page = await list({ ...input, cursor });
    yield page;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** What the client adds to tRPC's: iterators over the listings paged by keyset cursors. */
export interface BazaarClientIterators {
  catalog: {
    products: {
      /**
       * `for await (const page of client.catalog.products.iterate({ categorySlug: 'apparel' }))`:
       * each page of the listing in turn, each fetched when the loop asks for it. The cursors
       * are keyset positions, so products added meanwhile neither repeat nor shift a page.
       */
      iterate(
        input?: Omit<ProductListInput, 'cursor'> & { cursor?: string },
      ): AsyncGenerator<ProductPage, void, undefined>;
    };
  };
}

/** tRPC's client with `iterators` added where they belong (tRPC's own paths stay untouched). */
function withIterators(
  client: TRPCClient<AppRouter>,
  iterators: BazaarClientIterators,
): BazaarClient {
  const extend = (target: object, extra: Record<string, unknown>): object =>
    new Proxy(target, {
      get(t, key) {
        if (typeof key !== 'string' || !Object.hasOwn(extra, key)) return Reflect.get(t, key);
        const added = extra[key];
        if (typeof added === 'function') return added;
        return extend(Reflect.get(t, key) as object, added as Record<string, unknown>);
      },
    });
  return extend(client, iterators as unknown as Record<string, unknown>) as BazaarClient;
}

/** The typed Bazaar client: `client.catalog.products.list.query({ limit: 10 })`. */
export function createClient(options: ClientOptions): BazaarClient {
  const given = options.headers;
  const headers = typeof given === 'function' ? given : given ? () => given : undefined;
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: options.url,
        transformer,
        maxItems: MAX_BATCH_SIZE,
        ...(headers ? { headers: async () => definedHeaders(await headers()) } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
  return withIterators(client, {
    catalog: {
      products: {
        iterate: (input = {}) => pages((i) => client.catalog.products.list.query(i), input),
      },
    },
  });
}

export type BazaarClient = TRPCClient<AppRouter> & BazaarClientIterators;
export type BazaarClientError = TRPCClientError<AppRouter>;

/**
 * Whether `error` is an error answer from Bazaar (its `data` says `code`, `appCode`, `httpStatus`
 * and `fieldErrors`), as a typed client throws it. Checked by shape, not `instanceof`, so it holds
 * for a TRPCClientError from another copy of `@trpc/client` or from CommonJS. A network failure is
 * not one: it has no answer.
 */
export function isBazaarError(error: unknown): error is BazaarClientError & {
  data: NonNullable<BazaarClientError['data']>;
} {
  if (!(typeof error === 'object' && error !== null)) return false;
  const { name, data } = error as { name?: unknown; data?: unknown };
  if (name !== 'TRPCClientError' || typeof data !== 'object' || data === null) return false;
  const { code, appCode } = data as { code?: unknown; appCode?: unknown };
  return typeof code === 'string' && typeof appCode === 'string';
}
export type { AppRouter };
