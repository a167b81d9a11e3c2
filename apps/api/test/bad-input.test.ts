import { randomUUID } from 'node:crypto';
import type { AddressInput } from '@bazaar/contracts/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerAccount, roleId, signedIn, staffMember } from './fixtures.ts';
import { type BrowserClient, errorOf, PASSWORD, uniqueEmail, useTestApp } from './helpers.ts';

/**
 * Issue 7, finding 4: text PostgreSQL cannot store (NUL), that nobody types (other control
 * characters) or that is not even Unicode (a lone surrogate) is a 400 naming the field, over HTTP,
 * never a 500 from the database. So are catalog cursors holding a time PostgreSQL rejects.
 */
const app = useTestApp({ config: { demoMode: true } });

const HOSTILE: [label: string, value: string][] = [
  ['NUL', 'Ada\u0000Lovelace'],
  ['a bell', 'Ada\u0007'],
  ['an escape', '\u001b[31mAda'],
  ['DEL', 'Ada\u007f'],
  ['a C1 control', 'Ada\u0085Lovelace'],
  ['a lone high surrogate', 'Ada\ud800'],
  ['a lone low surrogate', '\udfffAda'],
];

/** The call fails with 400 BAD_REQUEST and a field error on `field`. */
async function refusedOn(call: Promise<unknown>, field: string, label: string) {
  const error = await errorOf(call);
  expect(error.data?.httpStatus, label).toBe(400);
  expect(error.data?.code, label).toBe('BAD_REQUEST');
  expect(Object.keys(error.data?.fieldErrors ?? {}), label).toContain(field);
}

let customer: BrowserClient;
let owner: BrowserClient;

beforeAll(async () => {
  customer = await signedIn(app(), (await customerAccount(app().db)).email);
  owner = await signedIn(app(), (await staffMember(app().db, 'Owner')).email);
});

const address = (patch: Partial<AddressInput> = {}) => ({
  fullName: 'Ada Lovelace',
  company: 'Analytical Engines',
  line1: '12 St James Square',
  line2: 'Flat 2',
  city: 'London',
  region: 'Westminster',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
  phone: '+44 20 7946 0000',
  ...patch,
});

describe('control characters and lone surrogates in text fields answer 400 with a field error', () => {
  it('sign-up name', async () => {
    for (const [label, name] of HOSTILE) {
      const email = uniqueEmail('hostile');
      const signUp = app().browser().client.auth.signUp.mutate({ name, email, password: PASSWORD });
      await refusedOn(signUp, 'name', label);
    }
  });

  it('profile name', async () => {
    for (const [label, name] of HOSTILE)
      await refusedOn(customer.client.account.updateProfile.mutate({ name }), 'name', label);
    // Nothing was stored.
    const state = await customer.client.auth.session.query();
    expect(state.status === 'signed-in' && state.user.name).toBe('Cora Customer');
  });

  const addressFields = [
    'fullName',
    'company',
    'line1',
    'line2',
    'city',
    'region',
    'postalCode',
    'phone',
  ] as const;

  it.each(addressFields)('address %s, when creating and when updating', async (field) => {
    const existing = await customer.client.account.addresses.create.mutate(address());
    for (const [label, value] of HOSTILE) {
      const bad = address({ [field]: value });
      await refusedOn(customer.client.account.addresses.create.mutate(bad), field, label);
      await refusedOn(
        customer.client.account.addresses.update.mutate({ id: existing.id, address: bad }),
        `address.${field}`,
        label,
      );
    }
    const list = await customer.client.account.addresses.list.query();
    expect(list.find((a) => a.id === existing.id)).toMatchObject(address());
    await customer.client.account.addresses.delete.mutate({ id: existing.id });
  });

  it('staff invitation name', async () => {
    const support = await roleId(app().db, 'Support');
    for (const [label, name] of HOSTILE) {
      const invite = owner.client.admin.staff.invite.mutate({
        name,
        email: uniqueEmail('invitee', 'staff.test'),
        roleId: support,
      });
      await refusedOn(invite, 'name', label);
    }
  });

  it('session id to revoke', async () => {
    const [current] = await customer.client.account.sessions.list.query();
    const valid = current?.id as string;
    for (const [label, text] of [
      ...HOSTILE,
      ['a NUL in an otherwise valid id', `${valid.slice(0, 31)}\u0000`],
      ['an overlong id', 'a'.repeat(10_000)],
      ['an id of the wrong alphabet', 'A'.repeat(32)],
    ] as const)
      await refusedOn(customer.client.account.sessions.revoke.mutate({ id: text }), 'id', label);
    expect((await customer.client.auth.session.query()).status).toBe('signed-in');
  });
});

describe('catalog cursors answer 400 with a cursor field error', () => {
  const cursorWith = (t: unknown, i: unknown = randomUUID()) =>
    Buffer.from(JSON.stringify({ s: 'newest', t, i })).toString('base64url');

  it.each([
    ['1'],
    ['0'],
    ['2020-02-30'],
    ['2021-02-29 10:00:00+00'],
    ['2026-13-01 10:00:00+00'],
    ['2026-01-01 24:00:00+00'],
    ['2026-01-01 10:00:00+16'],
    ['0000-01-01 10:00:00+00'],
    ['infinity'],
    ['2026-01-01 10:00:00\u0000+00'],
  ])('a time of %j, which PostgreSQL rejects or JavaScript misreads', async (t) => {
    const call = app()
      .browser()
      .client.catalog.products.list.query({ cursor: cursorWith(t) });
    await refusedOn(call, 'cursor', t);
  });

  it('a cursor that is not a keyset position at all', async () => {
    for (const cursor of [
      cursorWith('2026-01-01 10:00:00+00', 'not-a-uuid'),
      cursorWith(1_767_261_600_000),
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{"s":"oldest","t":"2026-01-01 10:00:00+00"}').toString('base64url'),
      'e30',
      '!!!',
      `${'a'.repeat(501)}`,
    ])
      await refusedOn(
        app().browser().client.catalog.products.list.query({ cursor }),
        'cursor',
        cursor,
      );
  });

  it('a real cursor still pages', async () => {
    const client = app().browser().client;
    const first = await client.catalog.products.list.query({ limit: 2 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await client.catalog.products.list.query({
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((p) => p.id)).not.toContain(first.items[0]?.id);
  });
});
