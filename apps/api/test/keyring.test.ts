import { randomBytes } from 'node:crypto';
import { users } from '@bazaar/db/schema';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDeviceCookies } from '../src/security/device-cookie.ts';
import { createKeyring, parseSecretKeys } from '../src/security/keyring.ts';
import { openTotpKey, resealTotpKeys } from '../src/services/accounts/two-factor.ts';
import { createOwner } from '../src/services/admin/owner.ts';
import {
  browserClient,
  PASSWORD,
  TEST_SECRET_KEY,
  testKeyring,
  uniqueEmail,
  useTestApp,
} from './helpers.ts';

const app = useTestApp({ config: { demoMode: true } });
const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('keyring', () => {
  it('seals with the newest key and opens with any listed one, bound to its context', () => {
    const old = createKeyring([keyA]);
    const sealed = old.seal('totp-secret', 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    const rotated = createKeyring([keyB, keyA]);
    expect(rotated.open('totp-secret', sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(rotated.sealedWith(sealed)).toBe(old.currentId);
    expect(rotated.currentId).not.toBe(old.currentId);
    // Another user's row, another purpose, a dropped key or one flipped bit: nothing opens.
    expect(rotated.open('totp-secret', sealed, 'user-2')).toBeNull();
    expect(rotated.open('device-cookie', sealed, 'user-1')).toBeNull();
    expect(createKeyring([keyB]).open('totp-secret', sealed, 'user-1')).toBeNull();
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    expect(rotated.open('totp-secret', flipped, 'user-1')).toBeNull();
  });

  it('signs with the newest key and verifies with any listed one, refusing tampering', () => {
    const signature = createKeyring([keyA]).sign('device-cookie', 'data');
    expect(createKeyring([keyB, keyA]).verify('device-cookie', 'data', signature)).toBe(true);
    expect(createKeyring([keyB]).verify('device-cookie', 'data', signature)).toBe(false);
    expect(createKeyring([keyA]).verify('device-cookie', 'datA', signature)).toBe(false);
    expect(createKeyring([keyA]).verify('totp-secret', 'data', signature)).toBe(false);
  });

  it('parses SECRET_KEYS and refuses short keys', () => {
    const keys = parseSecretKeys(`${keyA.toString('base64url')}, ${keyB.toString('base64')}`);
    expect(keys.map((k) => k.equals(keyA) || k.equals(keyB))).toEqual([true, true]);
    expect(() => parseSecretKeys(randomBytes(16).toString('base64url'))).toThrow(/32 bytes/);
  });

  it('device cookies expire after a year and name their account only through the signature', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const devices = createDeviceCookies(createKeyring([keyA]), () => now);
    const { token, expiresAt } = devices.issue('user-1');
    expect(token).not.toContain('user-1');
    expect(expiresAt.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(devices.deviceOf(token, 'user-1')).toMatch(/^user-1:/);
    expect(devices.deviceOf(token, 'user-2')).toBeNull();
    now = new Date('2027-01-01T00:00:01Z');
    expect(devices.deviceOf(token, 'user-1')).toBeNull();
  });
});

describe('TOTP secrets at rest', () => {
  async function enrolledOwner() {
    const email = uniqueEmail('sealed', 'staff.test');
    const { id } = await createOwner(app().db, { email, name: 'Seal Owner', password: PASSWORD });
    const browser = browserClient(app());
    await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    const { secret } = await browser.client.auth.twoFactor.begin.mutate();
    await browser.client.auth.twoFactor.confirm.mutate({
      code: generateTOTP(decodeBase32IgnorePadding(secret), 30, 6),
    });
    return { id, email, secret };
  }

  const storedKey = async (id: string) =>
    (await app().db.select({ k: users.totpKey }).from(users).where(eq(users.id, id)))[0]?.k;

  it('rotation: with a new key in front, start-up reseals every secret so the old key can go', async () => {
    const owner = await enrolledOwner();
    const rotated = createKeyring([keyB, TEST_SECRET_KEY]);
    const result = await resealTotpKeys(app().db, rotated);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    expect(result.unreadable).toBe(0);
    const stored = (await storedKey(owner.id)) as string;
    expect(rotated.sealedWith(stored)).toBe(rotated.currentId);
    // The old key is no longer needed…
    expect(openTotpKey(createKeyring([keyB]), owner.id, stored)).toBe(owner.secret);
    // …and a second run has nothing left to do.
    expect((await resealTotpKeys(app().db, rotated)).resealed).toBe(0);
    // Back to the test key, for whatever else signs in with this database.
    await resealTotpKeys(app().db, createKeyring([TEST_SECRET_KEY, keyB]));
  });

  it('a secret stored in clear before encryption at rest is sealed at start and keeps working', async () => {
    const owner = await enrolledOwner();
    await app().db.update(users).set({ totpKey: owner.secret }).where(eq(users.id, owner.id));
    expect(openTotpKey(testKeyring, owner.id, owner.secret)).toBe(owner.secret);
    await resealTotpKeys(app().db, testKeyring);
    const stored = (await storedKey(owner.id)) as string;
    expect(stored).toMatch(/^v1\./);
    expect(openTotpKey(testKeyring, owner.id, stored)).toBe(owner.secret);
  });

  it('a secret no listed key opens is reported, not destroyed', async () => {
    const owner = await enrolledOwner();
    const before = await storedKey(owner.id);
    const result = await resealTotpKeys(app().db, createKeyring([keyB]));
    expect(result.unreadable).toBeGreaterThanOrEqual(1);
    expect(await storedKey(owner.id)).toBe(before);
  });
});
