import 'server-only';

import { type AppRouter, createClient } from '@bazaar/contracts';
import { dehydrate, HydrationBoundary, matchQuery, type QueryKey } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { createTRPCOptionsProxy, type TRPCQueryOptions } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { cache, type ReactNode } from 'react';
import { env } from '@/env';
import { makeQueryClient } from './query-client';

/** One QueryClient per server request (React `cache` is request-scoped). */
export const getQueryClient = cache(makeQueryClient);

/**
 * Headers forwarded to the API: the visitor's cookies, their address (the web server has set
 * `x-forwarded-for` to exactly that, see `src/security/client-address.ts`) and a request id for
 * log correlation.
 */
const forwardedHeaders = cache(async (): Promise<Record<string, string>> => {
  const incoming = await headers();
  const out: Record<string, string> = {
    'x-request-id': incoming.get('x-request-id') ?? crypto.randomUUID(),
  };
  const cookie = incoming.get('cookie');
  if (cookie) out.cookie = cookie;
  const client = incoming.get('x-forwarded-for');
  if (client) out['x-forwarded-for'] = client;
  return out;
});

/**
 * The tRPC options proxy for server components. Built per request so a batch can never mix
 * two visitors' calls (and their cookies).
 */
export const getTRPC = cache(() =>
  createTRPCOptionsProxy<AppRouter>({
    client: createClient({
      url: `${env.API_URL}/trpc`,
      headers: forwardedHeaders,
      fetch: (url, init) => fetch(url, { ...init, cache: 'no-store' }),
    }),
    queryClient: getQueryClient,
  }),
);

/**
 * Hands what was prefetched in this request to React Query on the client. Layouts should pass
 * `only` with their own query keys: a layout renders alongside its page, and would otherwise also
 * dehydrate the page's still-pending queries (a page that ends in `notFound()` then leaves a
 * rejected promise in the stream).
 */
export function HydrateClient({
  children,
  only,
}: {
  children: ReactNode;
  only?: readonly QueryKey[];
}) {
  const queryClient = getQueryClient();
  const state = only
    ? dehydrate(queryClient, {
        shouldDehydrateQuery: (query) =>
          only.some((queryKey) => matchQuery({ queryKey }, query)) &&
          query.state.status === 'success',
      })
    : dehydrate(queryClient);
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}

/**
 * Starts a query on the server; callers may `void` it (the pending query is dehydrated and
 * streamed) or await it. Use `getQueryClient().fetchQuery(...)` instead when the page needs the
 * data itself or must fail loudly (for example to call `notFound()`): prefetching swallows errors.
 */
// biome-ignore lint/suspicious/noExplicitAny: any procedure's query options
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  return getQueryClient().prefetchQuery(queryOptions);
}

/** The tRPC error code (`NOT_FOUND`, `BAD_REQUEST`, …) of a failed call, if it was one. */
export function trpcErrorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data) {
    return typeof data.code === 'string' ? data.code : undefined;
  }
  return undefined;
}
