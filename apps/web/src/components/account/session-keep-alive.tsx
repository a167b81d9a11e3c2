'use client';

import { useEffect } from 'react';
import { useTRPCClient } from '@/trpc/react';

const KEY = 'bazaar:session-checked-at';
const HOUR = 3_600_000;

/**
 * Pages are rendered on the server, and a session refresh there cannot reach the browser's cookie.
 * So, at most once an hour, the browser asks for its session itself: the API slides the expiry and
 * re-sends the cookie with it.
 */
export function SessionKeepAlive() {
  const client = useTRPCClient();
  useEffect(() => {
    const last = Number(window.localStorage.getItem(KEY) ?? 0);
    if (Date.now() - last < HOUR) return;
    window.localStorage.setItem(KEY, String(Date.now()));
    client.auth.session.query().catch(() => {});
  }, [client]);
  return null;
}
