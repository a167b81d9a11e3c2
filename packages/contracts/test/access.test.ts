import { describe, expect, it } from 'vitest';
import { type Access, type Permission, permissions } from '../src/access.ts';
import type { Actor } from '../src/context.ts';
import { appRouter } from '../src/root.ts';
import { callerFor, callPath, failingServices } from './stubs.ts';

/**
 * Walks every procedure of the router: callers the declared access excludes are refused
 * before any service runs; callers it admits get through to the service.
 */
type AnyProcedure = { _def: { meta?: { access?: Access } } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
).map(([path, p]) => ({ path, access: p._def.meta?.access as Access }));

const REACHED = new Error('service reached');
const services = failingServices(REACHED);

const anonymous: Actor = { kind: 'anonymous' };
const customer: Actor = { kind: 'customer', userId: 'c', sessionId: 's' };
const staffWith = (perms: readonly Permission[]): Actor => ({
  kind: 'staff',
  userId: 'u',
  sessionId: 's',
  permissions: new Set(perms),
});
const owner = staffWith(permissions);

async function outcome(actor: Actor, path: string): Promise<string> {
  try {
    await callPath(callerFor(actor, services), path, undefined);
    return 'ok';
  } catch (error) {
    const { code, cause } = error as { code: string; cause?: unknown };
    // Getting as far as input validation or the service means access was granted.
    return cause === REACHED || code === 'BAD_REQUEST' ? 'allowed' : code;
  }
}

describe.each(procedures.filter((p) => p.access.kind !== 'public'))('$path', ({ path, access }) => {
  it('refuses anonymous callers with UNAUTHORIZED', async () => {
    expect(await outcome(anonymous, path)).toBe('UNAUTHORIZED');
  });

  if (access.kind === 'customer') {
    it('refuses staff with FORBIDDEN and admits customers', async () => {
      expect(await outcome(owner, path)).toBe('FORBIDDEN');
      expect(await outcome(customer, path)).toBe('allowed');
    });
  }

  if (access.kind === 'user') {
    it('admits customers and staff', async () => {
      expect(await outcome(customer, path)).toBe('allowed');
      expect(await outcome(staffWith([]), path)).toBe('allowed');
    });
  }

  if (access.kind === 'staff') {
    const needed = access.permission;
    it(`refuses customers${needed ? ' and staff without the permission' : ''} with FORBIDDEN`, async () => {
      expect(await outcome(customer, path)).toBe('FORBIDDEN');
      if (needed) {
        const allButNeeded = permissions.filter((p) => p !== needed);
        expect(await outcome(staffWith(allButNeeded), path)).toBe('FORBIDDEN');
      }
      expect(await outcome(staffWith(needed ? [needed] : []), path)).toBe('allowed');
    });
  }
});

describe('public procedures', () => {
  it.each(procedures.filter((p) => p.access.kind === 'public'))(
    '$path admits anonymous callers',
    async ({ path }) => {
      expect(await outcome(anonymous, path)).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
    },
  );
});
