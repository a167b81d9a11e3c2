import type { Permission } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { emailTokens, mailOutbox, rolePermissions, roles, users } from '@bazaar/db/schema';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { argon2Passwords } from '../src/security/passwords.ts';
import { type BrowserClient, browserClient, PASSWORD, type RunningServer } from './helpers.ts';

/**
 * Things tests set up for themselves (so none relies on what another test left behind): people
 * with a role, custom roles, and the links in their mail.
 */

// One argon2 hash of PASSWORD per file: hashing costs ~50 ms and the value is all that matters.
let passwordHash: Promise<string> | undefined;
const hashOfPassword = () => {
  passwordHash ??= argon2Passwords.hash(PASSWORD);
  return passwordHash;
};

export async function roleId(db: Database, name: string): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, name));
  if (!row) throw new Error(`no role ${name}`);
  return row.id;
}

let roleCounter = 0;
/** A role that is not built in, holding exactly `granted`, under a name no other test uses. */
export async function customRole(db: Database, label: string, granted: readonly Permission[]) {
  const name = `${label} ${++roleCounter}-${Date.now()}`;
  const [role] = await db.insert(roles).values({ name }).returning({ id: roles.id });
  const id = (role as { id: string }).id;
  if (granted.length)
    await db
      .insert(rolePermissions)
      .values(granted.map((permission) => ({ roleId: id, permission })));
  return { id, name };
}

let personCounter = 0;
const freshEmail = (label: string, domain: string) =>
  `${label}-${++personCounter}-${process.pid}-${Date.now()}@${domain}`;

export interface Person {
  id: string;
  email: string;
  name: string;
}

/** A staff member with a password (PASSWORD), written straight to the database. */
export async function staffMember(
  db: Database,
  role: string | { id: string },
  options: { name?: string; email?: string; deactivated?: boolean } = {},
): Promise<Person> {
  const roleIdValue = typeof role === 'string' ? await roleId(db, role) : role.id;
  const email = options.email ?? freshEmail('staff', 'staff.test');
  const name = options.name ?? 'Sam Staff';
  const [row] = await db
    .insert(users)
    .values({
      kind: 'staff',
      email,
      name,
      roleId: roleIdValue,
      passwordHash: await hashOfPassword(),
      emailVerifiedAt: new Date(),
      deactivatedAt: options.deactivated ? new Date() : null,
    })
    .returning({ id: users.id });
  return { id: (row as { id: string }).id, email, name };
}

/** A customer with a password (PASSWORD), written straight to the database. */
export async function customerAccount(
  db: Database,
  options: { name?: string; email?: string } = {},
): Promise<Person> {
  const email = options.email ?? freshEmail('customer', 'example.com');
  const name = options.name ?? 'Cora Customer';
  const [row] = await db
    .insert(users)
    .values({ kind: 'customer', email, name, passwordHash: await hashOfPassword() })
    .returning({ id: users.id });
  return { id: (row as { id: string }).id, email, name };
}

/** A browser on `server` signed in as `email` (fully: no second factor is set up). */
export async function signedIn(
  server: Pick<RunningServer, 'url'>,
  email: string,
): Promise<BrowserClient> {
  const browser = browserClient(server);
  const state = await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
  expect(state.status).toBe('signed-in');
  return browser;
}

/** The token of the link in `text` (`…?token=<32 base32>`), or undefined. */
export const tokenIn = (text: string | undefined) =>
  text ? /[?&]token=([a-z2-7]{32})\b/.exec(text)?.[1] : undefined;

/** The newest outbox row to `to`. */
export async function latestMailTo(db: Database, to: string) {
  const [mail] = await db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(1);
  return mail;
}

/** The token in the newest mail to `to`; fails the test when there is none. */
export async function mailedToken(db: Database, to: string): Promise<string> {
  const token = tokenIn((await latestMailTo(db, to))?.text);
  if (!token) throw new Error(`no mail with a link to ${to}`);
  return token;
}

/** Unused email tokens of `userId` (any purpose). */
export async function liveTokens(db: Database, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), isNull(emailTokens.usedAt)));
  return row?.n ?? 0;
}
