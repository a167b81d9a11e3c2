import { createClient } from '@bazaar/contracts';
import { fetchWithCookies } from '@bazaar/contracts/cookies';
import { apiKeys, orders } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { address, checkoutFixtures } from './checkout-fixtures.ts';
import { customerAccount, customRole, roleId, signedIn, staffMember } from './fixtures.ts';
import { errorOf, useTestApp } from './helpers.ts';

/** Staff API keys: made in the admin, shown once, stored hashed, sent by programs as bearer tokens. */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
const fixtures = checkoutFixtures(app);

const owner = async () => signedIn(app(), (await staffMember(db(), 'Owner')).email);

async function keyFor(role: string | { id: string }, name = 'Warehouse sync') {
  const admin = await owner();
  const id = typeof role === 'string' ? await roleId(db(), role) : role.id;
  return admin.client.admin.apiKeys.create.mutate({ name, roleId: id });
}

/** A program: the token as a bearer header, its own cookie jar, no Origin (not a browser). */
const program = (token: string, extra: Record<string, string> = {}) =>
  createClient({
    url: `${app().url}/trpc`,
    headers: { authorization: `Bearer ${token}`, ...extra },
    fetch: fetchWithCookies(),
  });

describe('creating a key', () => {
  it('shows the token once; the list and the database never hold it', async () => {
    const { key, token } = await keyFor('Support');
    expect(token).toMatch(/^bzk_[a-z2-7]{16}\.[a-z2-7]{32}$/);
    expect(token.startsWith(`${key.prefix}`)).toBe(true);
    expect(key).toMatchObject({ name: 'Warehouse sync', role: { name: 'Support' } });
    expect(key.lastUsedAt).toBeNull();
    expect(key.revokedAt).toBeNull();

    const listed = await (await owner()).client.admin.apiKeys.list.query();
    expect(listed.find((k) => k.id === key.id)).toEqual(key);
    expect(JSON.stringify(listed)).not.toContain(token.split('.')[1]);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    const secret = token.split('.')[1] as string;
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes an expiry in days', async () => {
    const admin = await owner();
    const before = Date.now();
    const { key } = await admin.client.admin.apiKeys.create.mutate({
      name: 'Short-lived',
      roleId: await roleId(db(), 'Support'),
      expiresInDays: 7,
    });
    const days = ((key.expiresAt?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
  });

  it('is refused for a role that manages staff, or one the maker does not fully hold', async () => {
    const admin = await owner();
    const ownerRole = await errorOf(
      admin.client.admin.apiKeys.create.mutate({ name: 'x', roleId: await roleId(db(), 'Owner') }),
    );
    expect(ownerRole.data?.code).toBe('BAD_REQUEST');
    expect(ownerRole.data?.fieldErrors?.roleId).toEqual(['Choose a role without staff:manage']);

    const keeper = await customRole(db(), 'Key keeper', ['staff:manage', 'orders:read']);
    const maker = await signedIn(app(), (await staffMember(db(), keeper)).email);
    const wider = await errorOf(
      maker.client.admin.apiKeys.create.mutate({
        name: 'x',
        roleId: await roleId(db(), 'Support'),
      }),
    );
    expect(wider.data?.code).toBe('FORBIDDEN');

    const blank = await errorOf(
      admin.client.admin.apiKeys.create.mutate({
        name: '  ',
        roleId: await roleId(db(), 'Support'),
      }),
    );
    expect(Object.keys(blank.data?.fieldErrors ?? {})).toEqual(['name']);
  });

  it('needs staff:manage', async () => {
    const support = await signedIn(app(), (await staffMember(db(), 'Support')).email);
    const customer = await signedIn(app(), (await customerAccount(db())).email);
    const supportId = await roleId(db(), 'Support');
    const name = `Refused ${Date.now()}`;
    for (const who of [support, customer, app().browser()]) {
      const error = await errorOf(
        who.client.admin.apiKeys.create.mutate({ name, roleId: supportId }),
      );
      expect(['FORBIDDEN', 'UNAUTHORIZED']).toContain(error.data?.code);
    }
    expect(await db().select().from(apiKeys).where(eq(apiKeys.name, name))).toEqual([]);
  });
});

describe('a program with a key', () => {
  it('acts with its role: reads orders with Support, is refused catalog writes', async () => {
    const { token } = await keyFor('Support');
    const client = program(token);
    expect(Array.isArray((await client.admin.orders.list.query({})).items)).toBe(true);
    const refused = await errorOf(
      client.admin.catalog.categories.create.mutate({ name: 'Nope', parentId: null }),
    );
    expect(refused.data?.code).toBe('FORBIDDEN');
    expect(refused.data?.appCode).toBe('PERMISSION_DENIED');
  });

  it('never reaches staff management, account or session procedures, even from a wide role', async () => {
    const wide = await customRole(db(), 'Almost owner', [
      'orders:read',
      'catalog:write',
      'staff:manage',
    ]);
    // Made by SQL: the admin refuses such a key, but the role may gain staff:manage later.
    const { token } = await keyFor('Support');
    await db()
      .update(apiKeys)
      .set({ roleId: wide.id })
      .where(eq(apiKeys.id, token.slice(4, 20)));
    const client = program(token);
    await expect(client.admin.orders.list.query({})).resolves.toBeDefined();
    for (const call of [
      () => client.admin.apiKeys.list.query(),
      () => client.admin.staff.list.query(),
      () => client.account.sessions.list.query(),
      () => client.auth.twoFactor.begin.mutate(),
    ]) {
      const error = await errorOf(call());
      expect(error.data?.code).toBe('FORBIDDEN');
    }
  });

  it('builds a guest cart, places an order and reads it back', async () => {
    const { token } = await keyFor('Support');
    const client = program(token);
    const { variantId } = await fixtures.product(5);
    const cart = await client.cart.add.mutate({ variantId, quantity: 2 });
    expect(cart.lines.map((l) => l.quantity)).toEqual([2]);
    const placed = await client.checkout.placeOrder.mutate({
      idempotencyKey: crypto.randomUUID(),
      email: 'program@example.com',
      shippingAddress: address,
      shippingMethodId: await fixtures.standardMethod(),
    });
    const read = await client.admin.orders.get.query({ id: placed.id });
    expect(read.number).toBe(placed.number);
    expect(read.lines.map((l) => l.quantity)).toEqual([2]);
    // The key shops as a guest: the order is nobody's account's.
    const [row] = await db().select().from(orders).where(eq(orders.id, placed.id));
    expect(row?.userId).toBeNull();
  });

  it('is authenticated by the key alone: a session cookie alongside is ignored', async () => {
    const { token } = await keyFor('Support');
    const admin = await owner();
    const session = admin.cookie();
    const client = program(token, { cookie: `bazaar_session=${session}` });
    expect((await errorOf(client.admin.staff.list.query())).data?.code).toBe('FORBIDDEN');
    expect(await admin.client.admin.staff.list.query()).toBeDefined();
  });

  it('needs no Origin, and a foreign one does not refuse it (it is not a browser)', async () => {
    const { token } = await keyFor('Support');
    const { variantId } = await fixtures.product(3);
    const browserish: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of browserish) {
      const res = await fetch(`${app().url}/trpc/cart.add`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...headers,
        },
        body: JSON.stringify({ json: { variantId, quantity: 1 } }),
      });
      expect(res.status).toBe(200);
    }
    // Without the key, the same cross-site request is refused (the CSRF guard).
    const res = await fetch(`${app().url}/trpc/cart.add`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: JSON.stringify({ json: { variantId, quantity: 1 } }),
    });
    expect(res.status).toBe(403);
  });

  it('gets answers no cache may keep, over tRPC and REST', async () => {
    const { token } = await keyFor('Support');
    const authorization = `Bearer ${token}`;
    for (const path of ['/trpc/catalog.categories', '/api/v1/categories']) {
      const anonymous = await fetch(`${app().url}${path}`);
      expect(anonymous.headers.get('cache-control'), path).toMatch(/^public/);
      const keyed = await fetch(`${app().url}${path}`, { headers: { authorization } });
      expect(keyed.status, path).toBe(200);
      expect(keyed.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('downloads the catalog CSV with catalog:write, and is refused it without', async () => {
    const editor = await keyFor('Catalog editor');
    const support = await keyFor('Support');
    const csv = (token: string) =>
      fetch(`${app().url}/files/products.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect((await csv(editor.token)).status).toBe(200);
    expect((await csv(support.token)).status).toBe(403);
    expect((await csv(`${editor.token}x`)).status).toBe(401);
  });
});

describe('a key that is not live', () => {
  const refusedWith = async (authorization: string) => {
    const client = createClient({ url: `${app().url}/trpc`, headers: { authorization } });
    // Refused even for a public read: a program with a dead key should fail loudly.
    const error = await errorOf(client.catalog.categories.query());
    expect(error.data?.code).toBe('UNAUTHORIZED');
    expect(error.data?.appCode).toBe('INVALID_API_KEY');
  };

  it('is refused when malformed, unknown, with a wrong secret or another scheme', async () => {
    const { token } = await keyFor('Support');
    const [id, secret] = token.split('.') as [string, string];
    await refusedWith('Bearer nonsense');
    await refusedWith(`Bearer bzk_${'a'.repeat(16)}.${secret}`);
    await refusedWith(`Bearer ${id}.${'a'.repeat(32)}`);
    await refusedWith(`Basic ${Buffer.from(`x:${token}`).toString('base64')}`);
    await refusedWith('Bearer');
    await expect(program(token).catalog.categories.query()).resolves.toBeDefined();
  });

  it('is refused once revoked (revoking again changes nothing), expired, or its maker deactivated', async () => {
    const admin = await owner();
    const revoked = await keyFor('Support');
    const first = await admin.client.admin.apiKeys.revoke.mutate({ id: revoked.key.id });
    expect(first.revokedAt).toBeInstanceOf(Date);
    const again = await admin.client.admin.apiKeys.revoke.mutate({ id: revoked.key.id });
    expect(again.revokedAt).toEqual(first.revokedAt);
    await refusedWith(`Bearer ${revoked.token}`);

    const expired = await keyFor('Support');
    await db()
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, expired.key.id));
    await refusedWith(`Bearer ${expired.token}`);

    const maker = await staffMember(db(), 'Owner');
    const makersKey = await (await signedIn(app(), maker.email)).client.admin.apiKeys.create.mutate(
      {
        name: 'Leaver',
        roleId: await roleId(db(), 'Support'),
      },
    );
    await expect(program(makersKey.token).admin.orders.list.query({})).resolves.toBeDefined();
    await admin.client.admin.staff.deactivate.mutate({ userId: maker.id });
    await refusedWith(`Bearer ${makersKey.token}`);
  });

  it('loses what its maker loses: a maker moved to a smaller role takes the key down too', async () => {
    const maker = await staffMember(db(), 'Owner');
    const { token } = await (await signedIn(app(), maker.email)).client.admin.apiKeys.create.mutate(
      {
        name: 'Catalog feed',
        roleId: await roleId(db(), 'Catalog editor'),
      },
    );
    const csv = () =>
      fetch(`${app().url}/files/products.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect((await csv()).status).toBe(200);
    const admin = await owner();
    await admin.client.admin.staff.changeRole.mutate({
      userId: maker.id,
      roleId: await roleId(db(), 'Support'),
    });
    expect((await csv()).status).toBe(403);
  });

  it('revoking an unknown key is NOT_FOUND', async () => {
    const admin = await owner();
    const error = await errorOf(admin.client.admin.apiKeys.revoke.mutate({ id: 'a'.repeat(16) }));
    expect(error.data?.code).toBe('NOT_FOUND');
  });
});

describe('last use', () => {
  const lastUsed = async (id: string) =>
    (await db().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id)))[0]?.at;

  it('is recorded, at most once a minute, also under 30 calls at once', async () => {
    const { key, token } = await keyFor('Support');
    const client = program(token);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => client.admin.orders.list.query({})),
    );
    expect(results).toHaveLength(30);
    const first = await lastUsed(key.id);
    expect(first).toBeInstanceOf(Date);

    const recent = new Date(Date.now() - 30_000);
    await db().update(apiKeys).set({ lastUsedAt: recent }).where(eq(apiKeys.id, key.id));
    await client.admin.orders.list.query({});
    expect(await lastUsed(key.id)).toEqual(recent);

    await db()
      .update(apiKeys)
      .set({ lastUsedAt: sql`now() - interval '2 minutes'` })
      .where(eq(apiKeys.id, key.id));
    await client.admin.orders.list.query({});
    expect(Date.now() - ((await lastUsed(key.id))?.getTime() ?? 0)).toBeLessThan(10_000);
    const listed = await (await owner()).client.admin.apiKeys.list.query();
    expect(listed.find((k) => k.id === key.id)?.lastUsedAt).toEqual(await lastUsed(key.id));
  });
});
