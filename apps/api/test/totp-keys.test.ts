import type { Database } from '@bazaar/db';
import { users } from '@bazaar/db/schema';
import { createTestDatabase, type TestDatabase } from '@bazaar/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../src/security/keyring.ts';
import {
  newTotpKey,
  openTotpKey,
  resealTotpKeys,
  sealTotpKey,
  totpUri,
} from '../src/services/accounts/two-factor.ts';
import { roleIdByName } from '../src/services/admin/built-in-roles.ts';

/** TOTP keys at rest: sealed with the newest key, legacy plain ones opened and resealed. */
const opened: TestDatabase[] = [];
async function freshDb(): Promise<Database> {
  const database = await createTestDatabase(inject('demoTemplate'));
  opened.push(database);
  return database.handle.db;
}
afterAll(async () => {
  await Promise.all(opened.map((d) => d.drop()));
});

const oldRing = createKeyring([Buffer.alloc(32, 1)]);
const rotated = createKeyring([Buffer.alloc(32, 2), Buffer.alloc(32, 1)]);
const foreign = createKeyring([Buffer.alloc(32, 9)]);

let n = 0;
async function staffWith(db: Database, keys: { totpKey?: string; totpPendingKey?: string }) {
  const [row] = await db
    .insert(users)
    .values({
      kind: 'staff',
      email: `totp-${++n}@staff.test`,
      name: 'Tot',
      roleId: await roleIdByName(db, 'Owner'),
      ...keys,
    })
    .returning({ id: users.id });
  return (row as { id: string }).id;
}
const stored = async (db: Database, id: string) =>
  (
    await db
      .select({ totpKey: users.totpKey, totpPendingKey: users.totpPendingKey })
      .from(users)
      .where(eq(users.id, id))
  )[0];

describe('TOTP keys', () => {
  it('are 160-bit base32 keys, shown in an otpauth URI for the account', () => {
    const key = newTotpKey();
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpKey()).not.toBe(key);
    const uri = new URL(totpUri(key, 'ann@shop.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(decodeURIComponent(uri.pathname)).toContain('Bazaar:ann@shop.test');
    expect(uri.searchParams.get('secret')).toBe(key);
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('digits')).toBe('6');
  });

  it('open sealed for their own user only; legacy plain keys open as they are', () => {
    const key = newTotpKey();
    const sealed = sealTotpKey(oldRing, 'user-1', key);
    expect(sealed).not.toContain(key);
    expect(openTotpKey(oldRing, 'user-1', sealed)).toBe(key);
    expect(openTotpKey(oldRing, 'user-2', sealed)).toBeNull();
    expect(openTotpKey(foreign, 'user-1', sealed)).toBeNull();
    expect(openTotpKey(foreign, 'user-1', key)).toBe(key);
    expect(openTotpKey(oldRing, 'user-1', 'not base32 and not sealed')).toBeNull();
  });
});

describe('resealTotpKeys', () => {
  it('reseals plain keys and keys of older keys with the newest; leaves current and unreadable ones', async () => {
    const db = await freshDb();
    const plain = newTotpKey();
    const legacy = await staffWith(db, { totpKey: plain });
    const oldKey = newTotpKey();
    const pending = newTotpKey();
    const older = await staffWith(db, {});
    await db
      .update(users)
      .set({
        totpKey: sealTotpKey(oldRing, older, oldKey),
        totpPendingKey: sealTotpKey(oldRing, older, pending),
      })
      .where(eq(users.id, older));
    const current = await staffWith(db, {});
    const currentSealed = sealTotpKey(rotated, current, newTotpKey());
    await db.update(users).set({ totpKey: currentSealed }).where(eq(users.id, current));
    const lost = await staffWith(db, {});
    const lostSealed = sealTotpKey(foreign, lost, newTotpKey());
    await db.update(users).set({ totpPendingKey: lostSealed }).where(eq(users.id, lost));
    await staffWith(db, {});

    expect(await resealTotpKeys(db, rotated)).toEqual({ resealed: 2, unreadable: 1 });

    const legacyRow = await stored(db, legacy);
    expect(rotated.sealedWith(legacyRow?.totpKey as string)).toBe(rotated.currentId);
    expect(openTotpKey(rotated, legacy, legacyRow?.totpKey as string)).toBe(plain);
    expect(legacyRow?.totpPendingKey).toBeNull();

    const olderRow = await stored(db, older);
    expect(rotated.sealedWith(olderRow?.totpKey as string)).toBe(rotated.currentId);
    expect(openTotpKey(rotated, older, olderRow?.totpKey as string)).toBe(oldKey);
    expect(openTotpKey(rotated, older, olderRow?.totpPendingKey as string)).toBe(pending);

    expect((await stored(db, current))?.totpKey).toBe(currentSealed);
    expect((await stored(db, lost))?.totpPendingKey).toBe(lostSealed);

    // Nothing left to do the second time.
    expect(await resealTotpKeys(db, rotated)).toEqual({ resealed: 0, unreadable: 1 });
  });

  it('with nothing stored, does nothing', async () => {
    expect(await resealTotpKeys(await freshDb(), rotated)).toEqual({ resealed: 0, unreadable: 0 });
  });
});
