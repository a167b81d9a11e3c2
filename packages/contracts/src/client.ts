import { createTRPCClient, httpBatchLink, type TRPCClientError } from '@trpc/client';
import { MAX_BATCH_SIZE } from './limits.ts';
import type { AppRouter } from './root.ts';
import { transformer } from './transformer.ts';

export interface ClientOptions {
  /** Full URL of the tRPC endpoint, e.g. `https://shop.example.com/trpc`. */
  url: string;
  /** Extra headers for every request (e.g. a cookie when calling from a server). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
}

/** The typed Bazaar client: `client.catalog.products.list.query({ limit: 10 })`. */
export function createClient(options: ClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: options.url,
        transformer,
        maxItems: MAX_BATCH_SIZE,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type BazaarClient = ReturnType<typeof createClient>;
export type BazaarClientError = TRPCClientError<AppRouter>;
export type { AppRouter };
