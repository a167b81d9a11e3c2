import type { SessionSummary } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import { revokedOthersMessage, sortSessions } from './sessions';

function session(id: string, lastSeen: string, current = false): SessionSummary {
  return {
    id,
    current,
    device: `Device ${id}`,
    userAgent: null,
    ip: null,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    lastSeenAt: new Date(lastSeen),
  };
}

describe('sortSessions', () => {
  it('puts this device first, then the most recently active', () => {
    const sorted = sortSessions([
      session('old', '2025-03-01T10:00:00Z'),
      session('newest', '2025-03-05T10:00:00Z'),
      session('mine', '2025-02-01T10:00:00Z', true),
      session('middle', '2025-03-03T10:00:00Z'),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['mine', 'newest', 'middle', 'old']);
  });

  it('returns a new list', () => {
    const sessions = [session('a', '2025-03-01T10:00:00Z'), session('b', '2025-03-02T10:00:00Z')];
    const sorted = sortSessions(sessions);
    expect(sorted).not.toBe(sessions);
    expect(sessions.map((s) => s.id)).toEqual(['a', 'b']);
  });
});

describe('revokedOthersMessage', () => {
  it('counts the sessions signed out', () => {
    expect(revokedOthersMessage(0)).toBe('There were no other sessions to sign out.');
    expect(revokedOthersMessage(1)).toBe('Signed out of 1 other session.');
    expect(revokedOthersMessage(3)).toBe('Signed out of 3 other sessions.');
  });
});
