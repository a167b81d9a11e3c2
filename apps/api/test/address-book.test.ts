import type { AddressInput } from '@bazaar/contracts/server';
import { addresses } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customerAccount, signedIn } from './fixtures.ts';
import { errorOf, useTestApp } from './helpers.ts';

/** The address book's rules about the default address and ownership, one customer per test. */
const app = useTestApp();

async function customer() {
  const person = await customerAccount(app().db);
  return { ...person, client: (await signedIn(app(), person.email)).client };
}

const address = (line1: string, patch: Partial<AddressInput> = {}) => ({
  fullName: 'Ada Lovelace',
  line1,
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
  ...patch,
});

const defaults = async (userId: string) =>
  (await app().db.select().from(addresses).where(eq(addresses.userId, userId)))
    .filter((a) => a.isDefault)
    .map((a) => a.line1);

describe('the default address', () => {
  it('updating another address to be the default moves it there', async () => {
    const { id, client } = await customer();
    const home = await client.account.addresses.create.mutate(address('Home'));
    const work = await client.account.addresses.create.mutate(address('Work'));
    const updated = await client.account.addresses.update.mutate({
      id: work.id,
      address: address('Work 2', { isDefault: true }),
    });
    expect(updated).toMatchObject({ id: work.id, line1: 'Work 2', isDefault: true });
    expect(await defaults(id)).toEqual(['Work 2']);
    // Editing the old default without asking for it leaves it a plain address.
    const edited = await client.account.addresses.update.mutate({
      id: home.id,
      address: address('Home 2'),
    });
    expect(edited.isDefault).toBe(false);
    expect(await defaults(id)).toEqual(['Work 2']);
  });

  it('setDefault on the default keeps it; on another moves it', async () => {
    const { id, client } = await customer();
    const a = await client.account.addresses.create.mutate(address('A'));
    const b = await client.account.addresses.create.mutate(address('B'));
    expect((await client.account.addresses.setDefault.mutate({ id: a.id })).isDefault).toBe(true);
    expect(await defaults(id)).toEqual(['A']);
    expect(await client.account.addresses.setDefault.mutate({ id: b.id })).toMatchObject({
      id: b.id,
      line1: 'B',
      isDefault: true,
    });
    expect(await defaults(id)).toEqual(['B']);
  });

  it('deleting a plain address leaves the default alone; deleting the last leaves none', async () => {
    const { id, client } = await customer();
    const a = await client.account.addresses.create.mutate(address('A'));
    const b = await client.account.addresses.create.mutate(address('B'));
    const c = await client.account.addresses.create.mutate(address('C'));
    await client.account.addresses.delete.mutate({ id: b.id });
    expect(await defaults(id)).toEqual(['A']);
    // Also when the default is not the oldest: deleting a plain one promotes nobody.
    await client.account.addresses.setDefault.mutate({ id: c.id });
    const d = await client.account.addresses.create.mutate(address('D'));
    await client.account.addresses.delete.mutate({ id: d.id });
    expect(await defaults(id)).toEqual(['C']);
    await client.account.addresses.setDefault.mutate({ id: a.id });
    // The oldest remaining one takes over from a deleted default.
    await client.account.addresses.delete.mutate({ id: a.id });
    expect(await defaults(id)).toEqual(['C']);
    await client.account.addresses.delete.mutate({ id: c.id });
    expect(await client.account.addresses.list.query()).toEqual([]);
  });

  it('the list shows the default first, then the oldest first', async () => {
    const { client } = await customer();
    const first = await client.account.addresses.create.mutate(address('First'));
    const second = await client.account.addresses.create.mutate(address('Second'));
    const third = await client.account.addresses.create.mutate(
      address('Third', { isDefault: true }),
    );
    expect((await client.account.addresses.list.query()).map((a) => a.id)).toEqual([
      third.id,
      first.id,
      second.id,
    ]);
  });

  it('another customer’s default is never touched', async () => {
    const one = await customer();
    const two = await customer();
    await one.client.account.addresses.create.mutate(address('Mine'));
    const theirs = await two.client.account.addresses.create.mutate(address('Theirs'));
    await one.client.account.addresses.create.mutate(address('Mine too', { isDefault: true }));
    expect(await defaults(two.id)).toEqual(['Theirs']);
    expect(await defaults(one.id)).toEqual(['Mine too']);
    expect((await two.client.account.addresses.list.query())[0]?.id).toBe(theirs.id);
  });
});

describe('addresses that are not there', () => {
  it('answer NOT_FOUND for update, delete and setDefault', async () => {
    const { client } = await customer();
    const id = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      () => client.account.addresses.update.mutate({ id, address: address('X') }),
      () => client.account.addresses.delete.mutate({ id }),
      () => client.account.addresses.setDefault.mutate({ id }),
    ]) {
      const error = await errorOf(call());
      expect(error.data?.code).toBe('NOT_FOUND');
      expect(error.message).toBe('Address not found');
    }
  });
});

describe('the stored address', () => {
  it('is what was sent, trimmed, with an upper-case country and empty optional lines', async () => {
    const { client } = await customer();
    const created = await client.account.addresses.create.mutate({
      fullName: '  Ada Lovelace ',
      line1: ' 12 St James Square ',
      city: 'London',
      postalCode: 'SW1Y 4JH',
      country: ' gb ',
    });
    expect(created).toMatchObject({
      fullName: 'Ada Lovelace',
      line1: '12 St James Square',
      company: '',
      line2: '',
      region: '',
      phone: '',
      country: 'GB',
      isDefault: true,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(Object.keys(created)).not.toContain('userId');
  });
});
