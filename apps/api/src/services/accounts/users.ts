import { type Me, notFound, type Permission } from '@bazaar/contracts/server';
import { rolePermissions, roles, users } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';

export type UserRow = typeof users.$inferSelect;

/** Emails are unique regardless of case (the database's `lower(email)` index decides). */
export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user ?? null;
}

export async function getUser(db: DbOrTx, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
  return user;
}

/** Staff must enrol TOTP before working when their role requires it (waived in demo mode). */
export const enrolmentRequired = (
  who: { kind: UserRow['kind']; totpEnabled: boolean; roleRequiresTwoFactor: boolean },
  demoMode: boolean,
) => who.kind === 'staff' && !who.totpEnabled && who.roleRequiresTwoFactor && !demoMode;

export async function loadMe(db: DbOrTx, userId: string, demoMode: boolean): Promise<Me> {
  const user = await getUser(db, userId);
  let role: { id: string; name: string; requiresTwoFactor: boolean } | null = null;
  let permissions: Permission[] = [];
  if (user.roleId) {
    const [row] = await db
      .select({ id: roles.id, name: roles.name, requiresTwoFactor: roles.requiresTwoFactor })
      .from(roles)
      .where(eq(roles.id, user.roleId));
    role = row ?? null;
    const granted = await db
      .select({ permission: rolePermissions.permission })
      .from(rolePermissions)
      .where(eq(rolePermissions.roleId, user.roleId));
    permissions = granted.map((g) => g.permission as Permission).sort();
  }
  const mustEnrol = enrolmentRequired(
    {
      kind: user.kind,
      totpEnabled: user.totpKey !== null,
      roleRequiresTwoFactor: role?.requiresTwoFactor ?? false,
    },
    demoMode,
  );
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
    role: role ? { id: role.id, name: role.name } : null,
    permissions: mustEnrol ? [] : permissions,
    twoFactorEnabled: user.totpKey !== null,
    twoFactorEnrolmentRequired: mustEnrol,
  };
}
