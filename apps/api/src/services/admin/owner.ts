import type { Database } from '@bazaar/db';
import { users } from '@bazaar/db/schema';
import { DEMO_OWNER } from '@bazaar/db/seed';
import { sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db.ts';
import { argon2Passwords, assertStrongPassword } from '../../security/passwords.ts';
import { findUserByEmail } from '../accounts/users.ts';
import { OWNER_ROLE, roleIdByName } from './built-in-roles.ts';

export { DEMO_OWNER };

export interface NewOwner {
  email: string;
  name: string;
  password: string;
}

/** Creates a staff member with the Owner role; their email counts as verified. */
export async function createOwner(db: Database, owner: NewOwner): Promise<{ id: string }> {
  assertStrongPassword(owner.password, owner);
  return insertOwner(db, owner);
}

async function insertOwner(db: Database, owner: NewOwner): Promise<{ id: string }> {
  if (await findUserByEmail(db, owner.email))
    throw new Error(`An account with the email ${owner.email} already exists`);
  const [row] = await db
    .insert(users)
    .values({
      kind: 'staff',
      email: owner.email,
      name: owner.name,
      passwordHash: await argon2Passwords.hash(owner.password),
      roleId: await roleIdByName(db, OWNER_ROLE),
      emailVerifiedAt: sql`now()`,
    })
    .returning({ id: users.id });
  return row as { id: string };
}

/** Seeds the demo Owner unless any staff exists. Returns whether it did. */
export async function seedDemoOwner(db: Database): Promise<boolean> {
  const [staff] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.kind} = 'staff'`)
    .limit(1);
  if (staff) return false;
  try {
    // The demo password is published (and made of the shop's own words): no strength check.
    await insertOwner(db, DEMO_OWNER);
    return true;
  } catch (error) {
    // Another instance starting at the same moment seeded it.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
