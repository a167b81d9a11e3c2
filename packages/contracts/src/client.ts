import { createTRPCClient, httpBatchLink, type TRPCClientError } from '@trpc/client';
import { MAX_BATCH_SIZE } from './limits.ts';
import type { AppRouter } from './root.ts';
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

/** The typed Bazaar client: `client.catalog.products.list.query({ limit: 10 })`. */
export function createClient(options: ClientOptions) {
  const given = options.headers;
  const headers = typeof given === 'function' ? given : given ? () => given : undefined;
  return createTRPCClient<AppRouter>({
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
}

export type BazaarClient = ReturnType<typeof createClient>;
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
