import type { Database } from '@bazaar/db';
import { users } from '@bazaar/db/schema';
import { sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db.ts';
import { assertStrongPassword, hashPassword } from '../../security/passwords.ts';
import { findUserByEmail } from '../accounts/users.ts';
import { OWNER_ROLE, roleIdByName } from './built-in-roles.ts';

/** Known credentials of the demo shop's Owner, printed at start in demo mode. */
export const DEMO_OWNER = {
  email: 'owner@bazaar.test',
  password: 'bazaar-owner-demo',
  name: 'Demo Owner',
} as const;

export interface NewOwner {
  email: string;
  name: string;
  password: string;
}

/** Creates a staff member with the Owner role; their email counts as verified. */
export async function createOwner(db: Database, owner: NewOwner): Promise<{ id: string }> {
  assertStrongPassword(owner.password, [owner.email, owner.name]);
  if (await findUserByEmail(db, owner.email))
    throw new Error(`An account with the email ${owner.email} already exists`);
  const [row] = await db
    .insert(users)
    .values({
      kind: 'staff',
      email: owner.email,
      name: owner.name,
      passwordHash: await hashPassword(owner.password),
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
    await createOwner(db, DEMO_OWNER);
    return true;
  } catch (error) {
    // Another instance starting at the same moment seeded it.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
