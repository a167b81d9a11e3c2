import type { SessionSummary } from '@bazaar/contracts';

/** This device first, then the most recently active. */
export function sortSessions(sessions: readonly SessionSummary[]): SessionSummary[] {
  return [...sessions].sort(
    (a, b) =>
      Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
  );
}

export function revokedOthersMessage(revoked: number): string {
  if (revoked === 0) return 'There were no other sessions to sign out.';
  return `Signed out of ${revoked} other ${revoked === 1 ? 'session' : 'sessions'}.`;
}
