import { mailOutbox, users } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customRole, roleId, signedIn, staffMember } from './fixtures.ts';
import { errorOf, uniqueEmail, useTestApp } from './helpers.ts';

/** What staff administration lists and returns, field by field. */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
const owner = async () => signedIn(app(), (await staffMember(db(), 'Owner')).email);

describe('the staff list', () => {
  it('lists staff only, by name then id, with role, state and sign-in time', async () => {
    const admin = await owner();
    const zed = await staffMember(db(), 'Support', { name: 'Zed Zebra' });
    const amy = await staffMember(db(), 'Manager', { name: 'Amy Aardvark', deactivated: true });
    const customer = await db()
      .insert(users)
      .values({ kind: 'customer', email: uniqueEmail('cust'), name: 'Aaron Customer' })
      .returning({ id: users.id });
    const listed = await admin.client.admin.staff.list.query();
    expect(listed.map((m) => m.id)).not.toContain(customer[0]?.id);
    const ids = listed.map((m) => m.id);
    expect(ids.indexOf(amy.id)).toBeLessThan(ids.indexOf(zed.id));
    expect(listed.find((m) => m.id === amy.id)).toMatchObject({
      email: amy.email,
      name: 'Amy Aardvark',
      role: { id: await roleId(db(), 'Manager'), name: 'Manager' },
      active: false,
      invitePending: false,
      twoFactorEnabled: false,
      lastSignInAt: null,
    });
    expect(listed.find((m) => m.id === zed.id)?.createdAt).toBeInstanceOf(Date);
  });

  it('two members of one name are ordered by id', async () => {
    const admin = await owner();
    const a = await staffMember(db(), 'Support', { name: 'Sam Same' });
    const b = await staffMember(db(), 'Support', { name: 'Sam Same' });
    const same = (await admin.client.admin.staff.list.query())
      .filter((m) => m.name === 'Sam Same')
      .map((m) => m.id);
    expect(same).toEqual([a.id, b.id].sort());
  });
});

describe('the role list', () => {
  it('lists built-in roles first (by creation), each with sorted permissions', async () => {
    const admin = await owner();
    const custom = await customRole(db(), 'Zeta', ['staff:manage', 'audit:read', 'catalog:write']);
    const empty = await customRole(db(), 'Empty', []);
    const listed = await admin.client.admin.roles.list.query();
    expect(listed.slice(0, 4).map((r) => r.name)).toEqual([
      'Owner',
      'Manager',
      'Support',
      'Catalog editor',
    ]);
    expect(listed.find((r) => r.id === custom.id)).toMatchObject({
      name: custom.name,
      description: '',
      permissions: ['audit:read', 'catalog:write', 'staff:manage'],
      requiresTwoFactor: false,
      memberCount: 0,
    });
    expect(listed.find((r) => r.id === empty.id)?.permissions).toEqual([]);
    for (const role of listed)
      expect(role.permissions, role.name).toEqual([...role.permissions].sort());
  });
});

describe('invitations', () => {
  it('store the invitee without a password and mail them, naming who invited them', async () => {
    const inviter = await staffMember(db(), 'Owner', { name: 'Ingrid Inviter' });
    const admin = await signedIn(app(), inviter.email);
    const email = uniqueEmail('newbie', 'staff.test');
    const member = await admin.client.admin.staff.invite.mutate({
      name: 'Nia Newbie',
      email,
      roleId: await roleId(db(), 'Support'),
    });
    const [row] = await db().select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ kind: 'staff', email, name: 'Nia Newbie', passwordHash: null });
    const [mail] = await db().select().from(mailOutbox).where(eq(mailOutbox.to, email));
    expect(mail?.subject).toBe('You are invited to the Bazaar admin');
    expect(mail?.text).toMatch(/^Hello Nia Newbie,\n\nIngrid Inviter invited you/);
  });

  it('a taken address is a CONFLICT whatever its case, and creates nobody', async () => {
    const admin = await owner();
    const existing = await staffMember(db(), 'Support');
    const error = await errorOf(
      admin.client.admin.staff.invite.mutate({
        name: 'Dup',
        email: existing.email.toUpperCase(),
        roleId: await roleId(db(), 'Support'),
      }),
    );
    expect(error.data?.code).toBe('CONFLICT');
    expect(error.data?.fieldErrors?.email).toEqual(['An account with this email already exists']);
    expect(error.message).toBe('An account with this email already exists');
  });
});

describe('members that are not there', () => {
  it('answer NOT_FOUND', async () => {
    const admin = await owner();
    const userId = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      async () =>
        admin.client.admin.staff.changeRole.mutate({
          userId,
          roleId: await roleId(db(), 'Support'),
        }),
      () => admin.client.admin.staff.deactivate.mutate({ userId }),
      () => admin.client.admin.staff.reactivate.mutate({ userId }),
    ]) {
      const error = await errorOf(call());
      expect(error.data?.code).toBe('NOT_FOUND');
      expect(error.message).toBe('Staff member not found');
    }
  });

  it('a role that is not there is a field error, also when changing a role', async () => {
    const admin = await owner();
    const member = await staffMember(db(), 'Support');
    const error = await errorOf(
      admin.client.admin.staff.changeRole.mutate({
        userId: member.id,
        roleId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors).toEqual({ roleId: ['Unknown role'] });
  });
});

describe('the mailbox', () => {
  it('shows at most 50 messages unless asked for fewer or more (up to 100)', async () => {
    const admin = await owner();
    const to = uniqueEmail('bulk');
    await db()
      .insert(mailOutbox)
      .values(Array.from({ length: 120 }, (_, i) => ({ to, subject: `n${i}`, text: 'x' })));
    expect(await admin.client.admin.mailbox.list.query({ to })).toHaveLength(50);
    expect(await admin.client.admin.mailbox.list.query({ to, limit: 100 })).toHaveLength(100);
    expect(await admin.client.admin.mailbox.list.query({ to, limit: 3 })).toHaveLength(3);
    const [first] = await admin.client.admin.mailbox.list.query({ to, limit: 1 });
    expect(first).toMatchObject({ to, text: 'x', status: 'pending' });
    expect(Object.keys(first ?? {}).sort()).toEqual(
      ['createdAt', 'id', 'status', 'subject', 'text', 'to'].sort(),
    );
  });
});
