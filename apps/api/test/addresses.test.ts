import { type AddressInput, type AppRouter, MAX_ADDRESSES } from '@bazaar/contracts/server';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();

async function customer() {
  const browser = app().browser();
  await browser.client.auth.signUp.mutate({
    name: 'Addy',
    email: uniqueEmail('addr'),
    password: 'Velvet-Anchor-Orbit-42',
  });
  return browser.client;
}

const address = (patch: Partial<AddressInput> = {}) => ({
  fullName: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'gb',
  ...patch,
});

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : undefined);

describe('address book', () => {
  it('the first address becomes the default; a new default replaces the old one', async () => {
    const client = await customer();
    const home = await client.account.addresses.create.mutate(address());
    expect(home).toMatchObject({ isDefault: true, country: 'GB', line2: '', company: '' });
    const work = await client.account.addresses.create.mutate(address({ line1: '1 Work St' }));
    expect(work.isDefault).toBe(false);
    await client.account.addresses.setDefault.mutate({ id: work.id });
    const list = await client.account.addresses.list.query();
    expect(list.map((a) => [a.id, a.isDefault])).toEqual([
      [work.id, true],
      [home.id, false],
    ]);
  });

  it('edits an address, and creating one as default moves the default', async () => {
    const client = await customer();
    const first = await client.account.addresses.create.mutate(address());
    const edited = await client.account.addresses.update.mutate({
      id: first.id,
      address: address({ city: 'Manchester', isDefault: false }),
    });
    // The only address stays the default: a default is given away only by choosing another.
    expect(edited).toMatchObject({ city: 'Manchester', isDefault: true });
    const second = await client.account.addresses.create.mutate(address({ isDefault: true }));
    const list = await client.account.addresses.list.query();
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id]);
  });

  it('deleting the default promotes the oldest remaining address', async () => {
    const client = await customer();
    const a = await client.account.addresses.create.mutate(address());
    const b = await client.account.addresses.create.mutate(address({ line1: 'B' }));
    await client.account.addresses.delete.mutate({ id: a.id });
    const list = await client.account.addresses.list.query();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: b.id, isDefault: true });
  });

  it("another customer's address answers NOT_FOUND for read-modify calls and is untouched", async () => {
    const owner = await customer();
    const other = await customer();
    const mine = await owner.account.addresses.create.mutate(address());
    const attempts = [
      other.account.addresses.update.mutate({ id: mine.id, address: address({ city: 'Hacked' }) }),
      other.account.addresses.delete.mutate({ id: mine.id }),
      other.account.addresses.setDefault.mutate({ id: mine.id }),
    ];
    for (const attempt of attempts)
      await expect(attempt).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    expect(await other.account.addresses.list.query()).toEqual([]);
    expect(await owner.account.addresses.list.query()).toEqual([mine]);
  });

  it('bad input gets field errors keyed by path', async () => {
    const client = await customer();
    const error = await client.account.addresses.update
      .mutate({ id: 'not-a-uuid', address: address({ country: 'Germany', line1: '' }) })
      .catch((e: unknown) => e as TRPCClientError<AppRouter>);
    expect(error).toBeInstanceOf(TRPCClientError);
    const fields = Object.keys((error as TRPCClientError<AppRouter>).data?.fieldErrors ?? {});
    expect(fields).toEqual(expect.arrayContaining(['id', 'address.country', 'address.line1']));
  });

  it(`holds at most ${MAX_ADDRESSES} addresses, even when created concurrently`, async () => {
    const client = await customer();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_ADDRESSES + 5 }, (_, i) =>
        client.account.addresses.create.mutate(
          address({ line1: `${i} Road`, isDefault: i % 3 === 0 }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_ADDRESSES);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => codeOf(r.reason) === 'UNPROCESSABLE_CONTENT')).toBe(true);
    const refusal = rejected[0]?.reason as Error;
    expect(refusal.message).toBe(`An address book holds at most ${MAX_ADDRESSES} addresses`);
    const list = await client.account.addresses.list.query();
    expect(list.filter((a) => a.isDefault)).toHaveLength(1);
  });
});
