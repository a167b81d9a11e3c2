import 'server-only';

import type { SessionState } from '@bazaar/contracts';
import { cache } from 'react';
import { getQueryClient, getTRPC } from '@/trpc/server';

/**
 * The visitor's session, read once per request through the server tRPC client (which forwards
 * the visitor's cookies). Shared by the header, the account layout and the auth pages.
 */
export const getSessionState = cache(
  (): Promise<SessionState> => getQueryClient().fetchQuery(getTRPC().auth.session.queryOptions()),
);

/** The query key of `auth.session`, for `HydrateClient only={...}`. */
export function sessionQueryKey() {
  return getTRPC().auth.session.queryKey();
}

/**
 * Whether the account pages' customer-only data can be fetched. Next may render a page even when
 * its layout shows something else (the sign-in redirect, the staff note), and a prefetch that
 * fails with 401/403 would surface as a rejected promise in the streamed cache.
 */
export async function isSignedInCustomer(): Promise<boolean> {
  const session = await getSessionState();
  return session.status === 'signed-in' && session.user.kind === 'customer';
}
