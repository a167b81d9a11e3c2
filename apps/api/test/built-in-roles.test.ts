import { permissions } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { rolePermissions, roles, users } from '@bazaar/db/schema';
import { createTestDatabase, type TestDatabase } from '@bazaar/db/testing';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { argon2Passwords } from '../src/security/passwords.ts';
import {
  builtInRoles,
  ensureBuiltInRoles,
  OWNER_ROLE,
  roleIdByName,
} from '../src/services/admin/built-in-roles.ts';
import { createOwner, DEMO_OWNER, seedDemoOwner } from '../src/services/admin/owner.ts';
import { PASSWORD, uniqueEmail } from './helpers.ts';

/**
 * The roles every shop starts with and the first Owner. Each test gets a database of its own,
 * cloned from the demo template (built-in roles and catalog, no staff).
 */
const opened: TestDatabase[] = [];
async function freshDb(): Promise<Database> {
  const database = await createTestDatabase(inject('demoTemplate'));
  opened.push(database);
  return database.handle.db;
}
afterAll(async () => {
  await Promise.all(opened.map((d) => d.drop()));
});

const permissionsOf = async (db: Database, name: string) =>
  (
    await db
      .select({ p: rolePermissions.permission })
      .from(rolePermissions)
      .innerJoin(roles, eq(roles.id, rolePermissions.roleId))
      .where(eq(roles.name, name))
  )
    .map((r) => r.p)
    .sort();

describe('ensureBuiltInRoles', () => {
  it('creates Owner, Manager, Support and Catalog editor with their permissions', async () => {
    const db = await freshDb();
    const rows = await db.select().from(roles);
    expect(rows.map((r) => r.name).sort()).toEqual(
      ['Catalog editor', 'Manager', 'Owner', 'Support'].sort(),
    );
    for (const role of builtInRoles) {
      const row = rows.find((r) => r.name === role.name);
      expect(row, role.name).toMatchObject({
        builtIn: true,
        requiresTwoFactor: role.requiresTwoFactor,
        description: role.description,
      });
      expect(await permissionsOf(db, role.name)).toEqual([...role.permissions].sort());
    }
    expect(OWNER_ROLE).toBe('Owner');
    expect(builtInRoles.find((r) => r.name === OWNER_ROLE)?.permissions).toEqual(permissions);
    expect(builtInRoles.filter((r) => r.requiresTwoFactor).map((r) => r.name)).toEqual(['Owner']);
    for (const role of builtInRoles) expect(role.description.length, role.name).toBeGreaterThan(20);
  });

  it('is idempotent, gives the Owner back every permission but leaves other roles as the shop set them', async () => {
    const db = await freshDb();
    const owner = await roleIdByName(db, 'Owner');
    const support = await roleIdByName(db, 'Support');
    await db.delete(rolePermissions).where(eq(rolePermissions.roleId, owner));
    await db.delete(rolePermissions).where(eq(rolePermissions.roleId, support));
    await db.insert(rolePermissions).values({ roleId: support, permission: 'orders:read' });
    await db
      .update(roles)
      .set({ builtIn: false, description: 'Ours now' })
      .where(eq(roles.id, support));
    await db.delete(roles).where(eq(roles.name, 'Catalog editor'));

    await ensureBuiltInRoles(db);
    await ensureBuiltInRoles(db);
    expect(await permissionsOf(db, 'Owner')).toEqual([...permissions].sort());
    expect(await permissionsOf(db, 'Support')).toEqual(['orders:read']);
    expect(await permissionsOf(db, 'Catalog editor')).toEqual(['catalog:write']);
    const [supportRow] = await db.select().from(roles).where(eq(roles.id, support));
    expect(supportRow).toMatchObject({ builtIn: true, description: 'Ours now' });
    expect(await roleIdByName(db, 'Owner')).toBe(owner);
    expect(await db.$count(roles)).toBe(4);
  });

  it('roleIdByName fails loudly for a role that is not there', async () => {
    const db = await freshDb();
    await expect(roleIdByName(db, 'Nope')).rejects.toThrow(
      'role Nope missing; run ensureBuiltInRoles first',
    );
  });
});

describe('the first Owner', () => {
  it('createOwner makes a verified staff Owner with an argon2id hash of the password', async () => {
    const db = await freshDb();
    const email = uniqueEmail('owner', 'staff.test');
    const { id } = await createOwner(db, { email, name: 'Olga Owner', password: PASSWORD });
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({
      kind: 'staff',
      email,
      name: 'Olga Owner',
      roleId: await roleIdByName(db, 'Owner'),
      deactivatedAt: null,
    });
    expect(row?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await argon2Passwords.verify(row?.passwordHash ?? null, PASSWORD)).toBe(true);
  });

  it('createOwner refuses a guessable password and an email in use (in any case)', async () => {
    const db = await freshDb();
    const email = uniqueEmail('owner', 'staff.test');
    await expect(
      createOwner(db, { email, name: 'Olga Owner', password: 'olga-owner' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await createOwner(db, { email, name: 'Olga Owner', password: PASSWORD });
    await expect(
      createOwner(db, { email: email.toUpperCase(), name: 'Twin', password: PASSWORD }),
    ).rejects.toThrow(`An account with the email ${email.toUpperCase()} already exists`);
    expect(await db.$count(users)).toBe(1);
  });

  it('seedDemoOwner seeds the published demo Owner once, and never when staff exist', async () => {
    const db = await freshDb();
    expect(await seedDemoOwner(db)).toBe(true);
    expect(await seedDemoOwner(db)).toBe(false);
    const [row] = await db.select().from(users).where(eq(users.email, DEMO_OWNER.email));
    expect(row?.roleId).toBe(await roleIdByName(db, 'Owner'));
    expect(await argon2Passwords.verify(row?.passwordHash ?? null, DEMO_OWNER.password)).toBe(true);

    const withStaff = await freshDb();
    await withStaff.insert(users).values({
      kind: 'staff',
      email: uniqueEmail('manager', 'staff.test'),
      name: 'Mo Manager',
      roleId: await roleIdByName(withStaff, 'Manager'),
    });
    expect(await seedDemoOwner(withStaff)).toBe(false);
    expect(await withStaff.$count(users)).toBe(1);

    // Customers do not count as staff.
    const withCustomer = await freshDb();
    await withCustomer
      .insert(users)
      .values({ kind: 'customer', email: uniqueEmail('customer'), name: 'Cy' });
    expect(await seedDemoOwner(withCustomer)).toBe(true);
  });

  it('instances starting at once seed one demo Owner; the others see it was done', async () => {
    const database = await createTestDatabase(inject('demoTemplate'));
    opened.push(database);
    const db = database.handle.db;
    // All three get past their checks and wait at the insert; then one wins the unique index.
    const locker = postgres(database.url, { max: 1, onnotice: () => {} });
    let seeded: Promise<boolean[]> | undefined;
    try {
      await locker.begin(async (tx) => {
        await tx`lock table users in share row exclusive mode`;
        seeded = Promise.all([seedDemoOwner(db), seedDemoOwner(db), seedDemoOwner(db)]);
        for (let waited = 0; ; waited += 20) {
          const [row] = await tx<{ n: number }[]>`
            select count(*)::int as n from pg_locks
            where relation = 'users'::regclass and not granted
            and database = (select oid from pg_database where datname = current_database())`;
          if ((row?.n ?? 0) >= 3) break;
          if (waited > 10_000) throw new Error('the seeds never reached their insert');
          await new Promise((r) => setTimeout(r, 20));
        }
      });
    } finally {
      await locker.end();
    }
    expect((await seeded)?.sort()).toEqual([false, false, true]);
    expect(await db.$count(users, eq(users.email, DEMO_OWNER.email))).toBe(1);
  });
});
