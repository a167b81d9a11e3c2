import { sessions, users } from '@bazaar/db/schema';
import { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/security/secrets.ts';
import { createSessionStore, sessionPolicies } from '../src/services/accounts/sessions.ts';
import { createOwner } from '../src/services/admin/owner.ts';
import { browserClient, PASSWORD, uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();
const db = () => app().db;
const newEmail = () => uniqueEmail('shopper');

async function signedUp(email = newEmail()) {
  const browser = app().browser();
  await browser.client.auth.signUp.mutate({ name: 'Ada Shopper', email, password: PASSWORD });
  return { browser, email };
}

const codeOf = (error: unknown) => (error instanceof TRPCClientError ? error.data?.code : error);

describe('session token and cookie', () => {
  it('is <id>.<secret> from 160-bit random parts; only SHA-256 of the secret is stored', async () => {
    const { browser, email } = await signedUp();
    const token = browser.cookie() as string;
    expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    const [id, secret] = token.split('.') as [string, string];
    const [user] = await db().select().from(users).where(eq(users.email, email));
    const rows = await db()
      .select()
      .from(sessions)
      .where(eq(sessions.userId, user?.id as string));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(id);
    expect(rows[0]?.secretHash).toBe(sha256Hex(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('is HttpOnly, SameSite=Lax, Path=/ and carries its expiry; no Secure on plain HTTP', async () => {
    const { browser } = await signedUp();
    const header = browser.setCookies.find((c) => c.startsWith('bazaar_session=')) as string;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).toMatch(/Expires=/);
    expect(header).not.toMatch(/Secure/);
  });

  it('a staff cookie lasts until the absolute end; idle expiry is enforced by the server', async () => {
    const email = newEmail();
    await createOwner(db(), { email, name: 'Staff', password: PASSWORD });
    const browser = app().browser();
    await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    const header = browser.setCookies.findLast((c) => c.startsWith('bazaar_session=')) as string;
    const expires = new Date(/Expires=([^;]+)/.exec(header)?.[1] as string).getTime();
    expect(Math.abs(expires - Date.now() - 12 * 3_600_000)).toBeLessThan(60_000);
  });

  it('uses the __Host- prefix and Secure when served over HTTPS', async () => {
    const secure = await app().serve({ security: { cookie: { secure: true } } });
    const browser = browserClient(secure);
    await browser.client.auth.signUp.mutate({ name: 'S', email: newEmail(), password: PASSWORD });
    const header = browser.setCookies[0] as string;
    expect(header).toMatch(/^__Host-bazaar_session=[a-z2-7]{32}\.[a-z2-7]{32};/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Domain=/);
  });

  it('a tampered secret is not a session, and the cookie is cleared', async () => {
    const { browser } = await signedUp();
    const [id] = (browser.cookie() as string).split('.');
    browser.setCookie('bazaar_session', `${id}.${'a'.repeat(32)}`);
    expect(await browser.client.auth.session.query()).toEqual({ status: 'signed-out' });
    expect(browser.cookie()).toBeUndefined();
  });

  it('the secret hash never leaves the server', async () => {
    const { browser } = await signedUp();
    const listed = await browser.client.account.sessions.list.query();
    expect(JSON.stringify(listed)).not.toMatch(/secret|[0-9a-f]{64}/i);
  });
});

describe('session lifecycle', () => {
  it('sign-in always issues a new session (a planted token is never upgraded)', async () => {
    const { email } = await signedUp();
    const browser = app().browser();
    const planted = `${'a'.repeat(32)}.${'b'.repeat(32)}`;
    browser.setCookie('bazaar_session', planted);
    await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    const first = browser.cookie();
    expect(first).not.toBe(planted);
    await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    expect(browser.cookie()).not.toBe(first);
  });

  it('sign-out deletes the session and clears the cookie', async () => {
    const { browser } = await signedUp();
    const token = browser.cookie() as string;
    await browser.client.auth.signOut.mutate();
    expect(browser.cookie()).toBeUndefined();
    const [row] = await db()
      .select()
      .from(sessions)
      .where(eq(sessions.id, token.split('.')[0] as string));
    expect(row).toBeUndefined();
    // Replaying the old token does not work either.
    browser.setCookie('bazaar_session', token);
    expect(await browser.client.auth.session.query()).toEqual({ status: 'signed-out' });
  });

  it('changing the password revokes every other session, keeping this one', async () => {
    const { browser, email } = await signedUp();
    const other = app().browser();
    await other.client.auth.signIn.mutate({ email, password: PASSWORD });
    await browser.client.account.changePassword.mutate({
      currentPassword: PASSWORD,
      newPassword: 'Marble-Lantern-Quiver-77',
    });
    expect((await browser.client.auth.session.query()).status).toBe('signed-in');
    expect(await other.client.auth.session.query()).toEqual({ status: 'signed-out' });
    await expect(
      app().browser().client.auth.signIn.mutate({ email, password: PASSWORD }),
    ).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
  });

  it('lists sessions with device, IP and last seen, and revokes any of them', async () => {
    const { browser, email } = await signedUp();
    const phone = app().browser({ ip: '198.51.100.23' });
    await phone.client.auth.signIn.mutate({ email, password: PASSWORD });
    const listed = await browser.client.account.sessions.list.query();
    expect(listed).toHaveLength(2);
    const current = listed.find((s) => s.current);
    const remote = listed.find((s) => !s.current);
    expect(current?.device).toBe('Firefox on Linux');
    expect(remote?.ip).toBe('198.51.100.23');
    expect(remote?.lastSeenAt).toBeInstanceOf(Date);
    await browser.client.account.sessions.revoke.mutate({ id: remote?.id as string });
    expect(await phone.client.auth.session.query()).toEqual({ status: 'signed-out' });
    expect(await browser.client.account.sessions.list.query()).toHaveLength(1);
  });

  it("revoking another user's session answers NOT_FOUND and leaves it alone", async () => {
    const { browser } = await signedUp();
    const { browser: victim } = await signedUp();
    const [victimSession] = await victim.client.account.sessions.list.query();
    await expect(
      browser.client.account.sessions.revoke.mutate({ id: victimSession?.id as string }),
    ).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    expect((await victim.client.auth.session.query()).status).toBe('signed-in');
  });

  it('a deactivated user’s session no longer validates, and is deleted', async () => {
    const { browser, email } = await signedUp();
    const [user] = await db().select().from(users).where(eq(users.email, email));
    // Deactivation deletes sessions too; the check at validation covers a session that escaped.
    await db()
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(eq(users.id, user?.id as string));
    expect(await browser.client.auth.session.query()).toEqual({ status: 'signed-out' });
    expect(browser.cookie()).toBeUndefined();
    expect(
      await db()
        .select()
        .from(sessions)
        .where(eq(sessions.userId, user?.id as string)),
    ).toEqual([]);
  });

  it('the secret must hash to the whole stored hash, not to a prefix or part of it', async () => {
    const { browser } = await signedUp();
    const token = browser.cookie() as string;
    const [id, secret] = token.split('.') as [string, string];
    const real = sha256Hex(secret);
    const setStored = (secretHash: string) =>
      db().update(sessions).set({ secretHash }).where(eq(sessions.id, id));
    for (const stored of [
      `${real.slice(0, -1)}${real.endsWith('0') ? '1' : '0'}`,
      `${real.startsWith('f') ? 'e' : 'f'}${real.slice(1)}`,
      real.slice(0, 32),
      '',
      `${real}0`,
    ]) {
      await setStored(stored);
      const probe = browserClient(app());
      probe.setCookie('bazaar_session', token);
      expect(await probe.client.auth.session.query(), stored).toEqual({ status: 'signed-out' });
    }
    await setStored(real);
    expect((await browser.client.auth.session.query()).status).toBe('signed-in');
    // A secret off by its last character is no session either.
    const last = secret.endsWith('a') ? 'b' : 'a';
    const probe = browserClient(app());
    probe.setCookie('bazaar_session', `${id}.${secret.slice(0, -1)}${last}`);
    expect(await probe.client.auth.session.query()).toEqual({ status: 'signed-out' });
  });

  it('revokeOthers signs out everywhere else', async () => {
    const { browser, email } = await signedUp();
    const a = app().browser();
    const b = app().browser();
    await a.client.auth.signIn.mutate({ email, password: PASSWORD });
    await b.client.auth.signIn.mutate({ email, password: PASSWORD });
    expect(await browser.client.account.sessions.revokeOthers.mutate()).toEqual({ revoked: 2 });
    expect((await a.client.auth.session.query()).status).toBe('signed-out');
    expect((await browser.client.auth.session.query()).status).toBe('signed-in');
  });
});

describe('sliding expiry', () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const client = { ip: null, userAgent: null };

  function clock(start: Date) {
    let t = start.getTime();
    return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
  }

  async function userOfKind(kind: 'customer' | 'staff') {
    if (kind === 'staff')
      return createOwner(db(), { email: newEmail(), name: 'Staff', password: PASSWORD });
    const [row] = await db()
      .insert(users)
      .values({ kind: 'customer', email: newEmail(), name: 'C' })
      .returning({ id: users.id });
    return row as { id: string };
  }

  it('customers: 30 days idle, extended by activity at most once per interval', async () => {
    const c = clock(new Date());
    const store = createSessionStore(db(), c.now);
    const user = await userOfKind('customer');
    const issued = await store.create(user.id, 'customer', { secondFactorVerified: true, client });
    expect(issued.expiresAt.getTime() - c.now().getTime()).toBe(30 * DAY);

    c.advance(10 * MINUTE);
    const early = await store.validate(issued.token);
    expect(early?.refreshed).toBe(false);
    const [before] = await db().select().from(sessions).where(eq(sessions.id, issued.id));

    c.advance(sessionPolicies.customer.refreshInterval);
    const later = await store.validate(issued.token);
    expect(later?.refreshed).toBe(true);
    expect(later?.expiresAt.getTime()).toBe(c.now().getTime() + 30 * DAY);
    const [after] = await db().select().from(sessions).where(eq(sessions.id, issued.id));
    expect(after?.lastVerifiedAt.getTime()).toBeGreaterThan(before?.lastVerifiedAt.getTime() ?? 0);

    c.advance(30 * DAY + MINUTE);
    expect(await store.validate(issued.token)).toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.id, issued.id))).toHaveLength(0);
  });

  it('staff: 30 minutes idle', async () => {
    const c = clock(new Date());
    const store = createSessionStore(db(), c.now);
    const user = await userOfKind('staff');
    const issued = await store.create(user.id, 'staff', { secondFactorVerified: true, client });
    c.advance(29 * MINUTE);
    expect(await store.validate(issued.token)).not.toBeNull();
    c.advance(31 * MINUTE);
    expect(await store.validate(issued.token)).toBeNull();
  });

  it('staff: 12 hours absolute, however active', async () => {
    const start = new Date();
    const end = start.getTime() + 12 * HOUR;
    const c = clock(start);
    const store = createSessionStore(db(), c.now);
    const user = await userOfKind('staff');
    const issued = await store.create(user.id, 'staff', { secondFactorVerified: true, client });
    // The cookie lasts until the absolute end; the row holds both ends.
    expect(issued.expiresAt.getTime()).toBe(end);
    const [row] = await db().select().from(sessions).where(eq(sessions.id, issued.id));
    expect(row?.absoluteExpiresAt?.getTime()).toBe(end);
    expect(row?.expiresAt.getTime()).toBe(start.getTime() + 30 * MINUTE);

    // Active every 20 minutes: the idle expiry slides, but never past the absolute end.
    let last = null;
    for (let elapsed = 20 * MINUTE; elapsed < 12 * HOUR; elapsed += 20 * MINUTE) {
      c.advance(20 * MINUTE);
      last = await store.validate(issued.token);
      expect(last, `after ${elapsed / MINUTE} minutes`).not.toBeNull();
      expect(last?.expiresAt.getTime()).toBe(Math.min(c.now().getTime() + 30 * MINUTE, end));
      expect(last?.cookieExpiresAt.getTime()).toBe(end);
    }
    // At 11:40 the idle end (12:10) is past the absolute one, which wins.
    expect(last?.expiresAt.getTime()).toBe(end);
    c.advance(19 * MINUTE);
    expect(await store.validate(issued.token)).not.toBeNull();
    c.advance(MINUTE);
    expect(await store.validate(issued.token)).toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.id, issued.id))).toEqual([]);
  });

  it('the refreshed cookie is sent by the API when the session slides', async () => {
    const { browser } = await signedUp();
    const id = (browser.cookie() as string).split('.')[0] as string;
    const before = browser.setCookies.length;
    await browser.client.auth.session.query();
    expect(browser.setCookies.length).toBe(before);
    // Pretend the last check was two hours ago.
    await db()
      .update(sessions)
      .set({ lastVerifiedAt: new Date(Date.now() - 2 * HOUR) })
      .where(eq(sessions.id, id));
    await browser.client.auth.session.query();
    expect(browser.setCookies.length).toBe(before + 1);
    expect(browser.setCookies.at(-1)).toMatch(/^bazaar_session=.*HttpOnly/);
  });
});
