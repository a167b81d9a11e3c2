import { permissions } from '@bazaar/contracts/server';
import { sessions, users } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionStore, sessionPolicies } from '../src/services/accounts/sessions.ts';
import { enrolmentRequired, loadMe } from '../src/services/accounts/users.ts';
import { customerAccount, staffMember } from './fixtures.ts';
import { useTestApp } from './helpers.ts';

/** The session store on its own, on a clock the tests move. */
const app = useTestApp();
const db = () => app().db;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const client = { ip: '203.0.113.5', userAgent: 'Test agent' };

function clock() {
  let t = Date.now();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}
const rowOf = async (id: string) =>
  (await db().select().from(sessions).where(eq(sessions.id, id)))[0];

describe('sessions', () => {
  it('customers: the cookie lasts the idle period; no absolute end', async () => {
    const c = clock();
    const store = createSessionStore(db(), c.now);
    const { id: userId } = await customerAccount(db());
    const issued = await store.create(userId, 'customer', { secondFactorVerified: true, client });
    expect(issued.id).toMatch(/^[a-z2-7]{32}$/);
    expect(issued.token.startsWith(`${issued.id}.`)).toBe(true);
    expect(issued.expiresAt.getTime()).toBe(c.now().getTime() + 30 * DAY);
    expect(await rowOf(issued.id)).toMatchObject({
      userId,
      ip: '203.0.113.5',
      userAgent: 'Test agent',
      secondFactorVerified: true,
      absoluteExpiresAt: null,
    });
    expect(await store.validate(issued.token)).toMatchObject({
      id: issued.id,
      userId,
      kind: 'customer',
      secondFactorVerified: true,
      refreshed: false,
      totpEnabled: false,
      roleRequiresTwoFactor: false,
      permissions: [],
      expiresAt: issued.expiresAt,
      cookieExpiresAt: issued.expiresAt,
    });
  });

  it('staff: what their role grants and requires, and whether they use two-factor', async () => {
    const c = clock();
    const store = createSessionStore(db(), c.now);
    const owner = await staffMember(db(), 'Owner');
    await db().update(users).set({ totpKey: 'sealed' }).where(eq(users.id, owner.id));
    const issued = await store.create(owner.id, 'staff', { secondFactorVerified: false, client });
    const validated = await store.validate(issued.token);
    expect(validated).toMatchObject({
      kind: 'staff',
      secondFactorVerified: false,
      totpEnabled: true,
      roleRequiresTwoFactor: true,
    });
    expect([...(validated?.permissions ?? [])].sort()).toEqual([...permissions].sort());
    await store.markSecondFactorVerified(issued.id);
    expect((await store.validate(issued.token))?.secondFactorVerified).toBe(true);

    const support = await staffMember(db(), 'Support');
    const other = await store.create(support.id, 'staff', { secondFactorVerified: true, client });
    expect(await store.validate(other.token)).toMatchObject({
      totpEnabled: false,
      roleRequiresTwoFactor: false,
    });
  });

  it('keeps at most 64 characters of the address and 512 of the user agent', async () => {
    const store = createSessionStore(db());
    const { id: userId } = await customerAccount(db());
    const long = await store.create(userId, 'customer', {
      secondFactorVerified: true,
      client: { ip: '1'.repeat(100), userAgent: 'u'.repeat(1000) },
    });
    const row = await rowOf(long.id);
    expect(row?.ip).toBe('1'.repeat(64));
    expect(row?.userAgent).toBe('u'.repeat(512));
    const none = await store.create(userId, 'customer', {
      secondFactorVerified: true,
      client: { ip: null, userAgent: null },
    });
    expect(await rowOf(none.id)).toMatchObject({ ip: null, userAgent: null });
  });

  it('is refreshed once the refresh interval has passed, not before', async () => {
    const c = clock();
    const store = createSessionStore(db(), c.now);
    const { id: userId } = await customerAccount(db());
    const issued = await store.create(userId, 'customer', { secondFactorVerified: true, client });
    c.advance(sessionPolicies.customer.refreshInterval - 1);
    expect((await store.validate(issued.token))?.refreshed).toBe(false);
    c.advance(1);
    const refreshed = await store.validate(issued.token);
    expect(refreshed?.refreshed).toBe(true);
    expect(refreshed?.expiresAt.getTime()).toBe(c.now().getTime() + 30 * DAY);
    expect(refreshed?.cookieExpiresAt).toEqual(refreshed?.expiresAt);
    expect((await rowOf(issued.id))?.lastVerifiedAt.getTime()).toBe(c.now().getTime());
    expect((await store.validate(issued.token))?.refreshed).toBe(false);
  });

  it('ends at its expiry, to the millisecond, and is deleted then', async () => {
    const c = clock();
    const store = createSessionStore(db(), c.now);
    const { id: userId } = await customerAccount(db());
    const issued = await store.create(userId, 'customer', { secondFactorVerified: true, client });
    c.advance(30 * DAY - 1);
    expect(await store.validate(issued.token)).not.toBeNull();
    // That validation slid the expiry; go to the new end.
    const { expiresAt } = (await rowOf(issued.id)) as { expiresAt: Date };
    c.advance(expiresAt.getTime() - c.now().getTime());
    expect(await store.validate(issued.token)).toBeNull();
    expect(await rowOf(issued.id)).toBeUndefined();
  });

  it('malformed or unknown tokens are no session', async () => {
    const store = createSessionStore(db());
    const { id: userId } = await customerAccount(db());
    const issued = await store.create(userId, 'customer', { secondFactorVerified: true, client });
    const [id, secret] = issued.token.split('.') as [string, string];
    for (const token of [
      '',
      id,
      `${id}.`,
      `${id}.${secret}.`,
      `${id}.${secret.toUpperCase()}`,
      `${'b'.repeat(32)}.${secret}`,
      `${secret}.${id}`,
      ` ${issued.token}`,
    ])
      expect(await store.validate(token), token).toBeNull();
    expect(await store.validate(issued.token)).not.toBeNull();
  });

  it('deletes one session, all of a user’s, or all but one', async () => {
    const store = createSessionStore(db());
    const { id: userId } = await customerAccount(db());
    const { id: otherUser } = await customerAccount(db());
    const make = (user: string) =>
      store.create(user, 'customer', { secondFactorVerified: true, client });
    const [a, b, c, d] = await Promise.all([
      make(userId),
      make(userId),
      make(userId),
      make(userId),
    ]);
    const bystander = await make(otherUser);
    await store.delete((a as { id: string }).id);
    expect(await rowOf((a as { id: string }).id)).toBeUndefined();
    expect(await store.deleteAllForUser(userId, (b as { id: string }).id)).toBe(2);
    expect(await rowOf((b as { id: string }).id)).toBeDefined();
    expect(await rowOf((c as { id: string }).id)).toBeUndefined();
    expect(await rowOf((d as { id: string }).id)).toBeUndefined();
    expect(await store.deleteAllForUser(userId)).toBe(1);
    expect(await store.deleteAllForUser(userId)).toBe(0);
    expect(await rowOf(bystander.id)).toBeDefined();
  });
});

describe('enrolmentRequired', () => {
  it('only for staff without two-factor whose role requires it, outside demo mode', () => {
    const cases: [Parameters<typeof enrolmentRequired>[0], boolean, boolean][] = [];
    for (const kind of ['customer', 'staff'] as const)
      for (const totpEnabled of [false, true])
        for (const roleRequiresTwoFactor of [false, true])
          for (const demoMode of [false, true])
            cases.push([
              { kind, totpEnabled, roleRequiresTwoFactor },
              demoMode,
              kind === 'staff' && !totpEnabled && roleRequiresTwoFactor && !demoMode,
            ]);
    expect(cases.filter(([, , expected]) => expected)).toHaveLength(1);
    for (const [who, demoMode, expected] of cases)
      expect(enrolmentRequired(who, demoMode), JSON.stringify({ ...who, demoMode })).toBe(expected);
  });
});

describe('loadMe', () => {
  it('a customer has no role and no permissions', async () => {
    const person = await customerAccount(db(), { name: 'Cy' });
    expect(await loadMe(db(), person.id, false)).toEqual({
      id: person.id,
      kind: 'customer',
      email: person.email,
      name: 'Cy',
      emailVerified: false,
      role: null,
      permissions: [],
      twoFactorEnabled: false,
      twoFactorEnrolmentRequired: false,
    });
  });

  it('staff get their role’s permissions, sorted, unless they still have to enrol', async () => {
    const manager = await staffMember(db(), 'Manager');
    const me = await loadMe(db(), manager.id, false);
    expect(me.role?.name).toBe('Manager');
    expect(me.permissions).toEqual([...me.permissions].sort());
    expect(me.permissions).toHaveLength(6);
    expect(me.emailVerified).toBe(true);

    const owner = await staffMember(db(), 'Owner');
    expect(await loadMe(db(), owner.id, false)).toMatchObject({
      permissions: [],
      twoFactorEnrolmentRequired: true,
      twoFactorEnabled: false,
    });
    expect((await loadMe(db(), owner.id, true)).permissions).toHaveLength(permissions.length);
  });

  it('an unknown user is NOT_FOUND', async () => {
    await expect(loadMe(db(), '00000000-0000-4000-8000-000000000000', false)).rejects.toMatchObject(
      { code: 'NOT_FOUND', message: 'User not found' },
    );
  });
});
