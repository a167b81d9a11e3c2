import 'server-only';

import type { Me, Permission, SessionState } from '@bazaar/contracts';
import { cache } from 'react';
import { getQueryClient, getTRPC } from '@/trpc/server';

/** Where the visitor's session stands, read once per request with their cookie. */
export const getSessionState = cache(
  (): Promise<SessionState> => getQueryClient().fetchQuery(getTRPC().auth.session.queryOptions()),
);

/**
 * The signed-in staff member who may use the console, or `null`. The console layout shows
 * sign-in, "Staff only" or enrolment instead of pages in every other case; pages call this too,
 * because a layout's check alone does not stop a page from rendering.
 */
export async function getConsoleUser(): Promise<Me | null> {
  const state = await getSessionState();
  if (state.status !== 'signed-in') return null;
  const { user } = state;
  if (user.kind !== 'staff' || user.twoFactorEnrolmentRequired) return null;
  return user;
}

export function hasPermission(user: Me, permission: Permission) {
  return user.permissions.includes(permission);
}
