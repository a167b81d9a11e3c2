import { MAX_CART_LINES } from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/security/secrets.ts';
import { changeStock } from '../src/services/inventory/stock.ts';
import { type InsertedProduct, insertProduct } from './catalog-fixtures.ts';
import { customerAccount, signedIn } from './fixtures.ts';
import { type BrowserClient, browserClient, errorOf, useTestApp } from './helpers.ts';

const app = useTestApp();
let mug: InsertedProduct;
let tee: InsertedProduct;
let counter = 0;

const id = (product: InsertedProduct, sku: string) => product.variantIds[sku] as string;
const guest = () => browserClient(app());

beforeAll(async () => {
  mug = await insertProduct(app().db, {
    slug: 'cart-mug',
    variants: [{ sku: 'CART-MUG', prices: { EUR: 1200, USD: 1400 }, stock: 5 }],
  });
  tee = await insertProduct(app().db, {
    slug: 'cart-tee',
    options: [{ name: 'Size', values: ['S', 'M'] }],
    variants: [
      { sku: 'CART-TEE-S', options: { Size: 'S' }, prices: { EUR: 2500, USD: 2900 }, stock: 10 },
      // No USD price: in a USD cart this line cannot be bought.
      { sku: 'CART-TEE-M', options: { Size: 'M' }, prices: { EUR: 2500 }, stock: 2 },
    ],
  });
});

/** A product of its own with `stock` units of one variant. */
async function freshProduct(stock: number, status: 'active' | 'draft' = 'active') {
  const sku = `CART-FRESH-${++counter}`;
  const product = await insertProduct(app().db, {
    slug: `cart-fresh-${counter}`,
    status,
    variants: [{ sku, prices: { EUR: 500 }, stock }],
  });
  return { product, variantId: id(product, sku), sku };
}

describe('a guest cart', () => {
  it('is made on the first add, named by an HttpOnly cookie, and sums, changes and removes lines', async () => {
    const browser = guest();
    const empty = await browser.client.cart.get.query();
    expect(empty).toMatchObject({ lines: [], itemCount: 0, checkoutReady: false });
    expect(browser.cookie('bazaar_cart')).toBeUndefined();

    await browser.client.cart.add.mutate({ variantId: id(mug, 'CART-MUG'), quantity: 2 });
    const cookie = browser.setCookies.find((c) => c.startsWith('bazaar_cart='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const cart = await browser.client.cart.add.mutate({
      variantId: id(mug, 'CART-MUG'),
      quantity: 1,
    });
    expect(cart).toMatchObject({
      currency: 'EUR',
      itemCount: 3,
      subtotal: { amount: 3600, currency: 'EUR' },
      checkoutReady: true,
    });
    expect(cart.lines).toEqual([
      expect.objectContaining({
        sku: 'CART-MUG',
        productSlug: 'cart-mug',
        quantity: 3,
        available: 5,
        unitPrice: { amount: 1200, currency: 'EUR' },
        lineTotal: { amount: 3600, currency: 'EUR' },
        problem: null,
      }),
    ]);
    // Only the token's hash is stored.
    const token = browser.cookie('bazaar_cart') ?? '';
    expect(await app().db.$count(schema.carts, eq(schema.carts.tokenHash, token))).toBe(0);
    expect(await app().db.$count(schema.carts, eq(schema.carts.tokenHash, sha256Hex(token)))).toBe(
      1,
    );

    const lineId = cart.lines[0]?.id as string;
    const changed = await browser.client.cart.setQuantity.mutate({ lineId, quantity: 1 });
    expect(changed.itemCount).toBe(1);
    const gone = await browser.client.cart.remove.mutate({ lineId });
    expect(gone.lines).toEqual([]);
  });

  it('shows the chosen currency and flags a line without a price in it', async () => {
    const browser = guest();
    await browser.client.cart.add.mutate({ variantId: id(tee, 'CART-TEE-S'), quantity: 1 });
    await browser.client.cart.add.mutate({ variantId: id(tee, 'CART-TEE-M'), quantity: 1 });
    const usd = await browser.client.cart.get.query({ currency: 'USD' });
    expect(usd.lines.map((l) => [l.sku, l.unitPrice, l.problem])).toEqual([
      ['CART-TEE-S', { amount: 2900, currency: 'USD' }, null],
      ['CART-TEE-M', null, 'not_priced'],
    ]);
    expect(usd.lines[0]?.options).toEqual([{ name: 'Size', value: 'S' }]);
    expect(usd).toMatchObject({
      subtotal: { amount: 2900, currency: 'USD' },
      checkoutReady: false,
    });
    // The cart remembers its currency.
    expect((await browser.client.cart.get.query()).currency).toBe('USD');
    // Adding an item with no price in the cart's currency is refused.
    const error = await errorOf(
      browser.client.cart.add.mutate({
        variantId: id(tee, 'CART-TEE-M'),
        quantity: 1,
        currency: 'USD',
      }),
    );
    expect(error.data?.code).toBe('CONFLICT');
    expect(error.message).toBe('cart-tee (M) is not sold in USD');
    const unknown = await errorOf(browser.client.cart.get.query({ currency: 'JPY' }));
    expect(unknown.data?.code).toBe('BAD_REQUEST');
    expect(unknown.data?.fieldErrors).toEqual({ currency: ['The shop does not sell in JPY'] });
  });

  it('refuses more than is available, items not for sale and bad quantities, with clear errors', async () => {
    const browser = guest();
    const { variantId } = await freshProduct(3);
    await browser.client.cart.add.mutate({ variantId, quantity: 2 });
    const tooMany = await errorOf(browser.client.cart.add.mutate({ variantId, quantity: 2 }));
    expect(tooMany.data?.code).toBe('CONFLICT');
    expect(tooMany.message).toMatch(/^Only 3 of cart-fresh-\d+ available$/);
    expect(tooMany.data?.fieldErrors).toEqual({ quantity: ['Only 3 available'] });
    expect(tooMany.data?.appCode).toBe('OUT_OF_STOCK');
    // Nothing changed.
    expect((await browser.client.cart.get.query()).itemCount).toBe(2);

    const soldOut = await freshProduct(0);
    const error = await errorOf(
      browser.client.cart.add.mutate({ variantId: soldOut.variantId, quantity: 1 }),
    );
    expect(error.message).toMatch(/is sold out$/);
    expect(error.data?.appCode).toBe('OUT_OF_STOCK');
    const draft = await freshProduct(5, 'draft');
    for (const variantId of [draft.variantId, '00000000-0000-4000-8000-000000000000']) {
      const missing = await errorOf(browser.client.cart.add.mutate({ variantId, quantity: 1 }));
      expect(missing.data?.code).toBe('NOT_FOUND');
      expect(missing.message).toBe('This item is not for sale');
      expect(missing.data?.appCode).toBe('NOT_FOUND');
    }
    for (const quantity of [0, 100, 1.5, -1]) {
      const bad = await errorOf(browser.client.cart.add.mutate({ variantId, quantity }));
      expect(bad.data?.code, String(quantity)).toBe('BAD_REQUEST');
      expect(Object.keys(bad.data?.fieldErrors ?? {})).toEqual(['quantity']);
      expect(bad.data?.appCode).toBe('INVALID_INPUT');
    }
    const badId = await errorOf(
      browser.client.cart.add.mutate({ variantId: 'not-a-uuid', quantity: 1 }),
    );
    expect(badId.data?.fieldErrors).toHaveProperty('variantId');
  });

  it('flags lines that became unavailable, sold out or short, never dropping them', async () => {
    const browser = guest();
    const gone = await freshProduct(5);
    const out = await freshProduct(5);
    const short = await freshProduct(5);
    for (const p of [gone, out, short]) {
      await browser.client.cart.add.mutate({ variantId: p.variantId, quantity: 3 });
    }
    await app()
      .db.update(schema.products)
      .set({ status: 'draft' })
      .where(eq(schema.products.id, gone.product.id));
    await changeStock(app().db, {
      variantId: out.variantId,
      change: { kind: 'set', onHand: 0, reason: 'count' },
    });
    await changeStock(app().db, {
      variantId: short.variantId,
      change: { kind: 'reserve', quantity: 4 },
    });
    const cart = await browser.client.cart.get.query();
    expect(cart.lines.map((l) => [l.sku, l.problem, l.available])).toEqual([
      [gone.sku, 'unavailable', 5],
      [out.sku, 'sold_out', 0],
      [short.sku, 'short', 1],
    ]);
    expect(cart).toMatchObject({ itemCount: 9, checkoutReady: false, subtotal: { amount: 0 } });
    // Lowering a short line is how it is fixed; raising it is refused.
    const lineId = cart.lines[2]?.id as string;
    const fixed = await browser.client.cart.setQuantity.mutate({ lineId, quantity: 1 });
    expect(fixed.lines[2]?.problem).toBeNull();
    const raise = await errorOf(browser.client.cart.setQuantity.mutate({ lineId, quantity: 2 }));
    expect(raise.message).toMatch(/^Only 1 of/);
  });
});

describe('whose cart', () => {
  it("never reaches another shopper's lines: their line ids are NOT_FOUND", async () => {
    const alice = guest();
    const cart = await alice.client.cart.add.mutate({
      variantId: id(mug, 'CART-MUG'),
      quantity: 1,
    });
    const lineId = cart.lines[0]?.id as string;
    const customer = await signedIn(app(), (await customerAccount(app().db)).email);
    await customer.client.cart.add.mutate({ variantId: id(tee, 'CART-TEE-S'), quantity: 1 });
    for (const other of [guest(), customer]) {
      for (const call of [
        other.client.cart.setQuantity.mutate({ lineId, quantity: 2 }),
        other.client.cart.remove.mutate({ lineId }),
      ]) {
        const error = await errorOf(call);
        expect(error.data?.code).toBe('NOT_FOUND');
      }
    }
    expect((await alice.client.cart.get.query()).lines[0]?.quantity).toBe(1);
    // A made-up cart cookie names nothing and is cleared.
    const forger = guest();
    forger.setCookie('bazaar_cart', 'a'.repeat(32));
    expect((await forger.client.cart.get.query()).lines).toEqual([]);
    expect(forger.cookie('bazaar_cart')).toBeUndefined();
  });
});

describe('signing in', () => {
  async function guestWith(lines: [string, number][]): Promise<BrowserClient> {
    const browser = guest();
    for (const [variantId, quantity] of lines)
      await browser.client.cart.add.mutate({ variantId, quantity });
    return browser;
  }

  it("merges the guest cart into the customer's: quantities summed, capped by stock, and says so", async () => {
    const person = await customerAccount(app().db);
    const before = await signedIn(app(), person.email);
    const capped = await freshProduct(4);
    await before.client.cart.add.mutate({ variantId: capped.variantId, quantity: 3 });

    const browser = await guestWith([
      [capped.variantId, 3],
      [id(mug, 'CART-MUG'), 1],
    ]);
    await browser.client.auth.signIn.mutate({
      email: person.email,
      password: 'Velvet-Anchor-Orbit-42',
    });
    const cart = await browser.client.cart.get.query();
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      [capped.sku, 4],
      ['CART-MUG', 1],
    ]);
    expect(cart.notices).toEqual([
      'The 4 items you added before signing in are in your cart now.',
      expect.stringMatching(/^cart-fresh-\d+: only 4 available, so your cart has 4\.$/),
    ]);
    expect(browser.cookie('bazaar_cart')).toBeUndefined();
    // The customer's other browser sees the same cart; the notices go once read.
    expect((await before.client.cart.get.query()).itemCount).toBe(5);
    expect((await browser.client.cart.dismissNotices.mutate()).notices).toEqual([]);
  });

  it('merges once, however many requests arrive with the old cookie at the same time', async () => {
    const person = await customerAccount(app().db);
    const browser = await guestWith([[id(tee, 'CART-TEE-S'), 2]]);
    const token = browser.cookie('bazaar_cart') as string;
    await browser.client.auth.signIn.mutate({
      email: person.email,
      password: 'Velvet-Anchor-Orbit-42',
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => {
        browser.setCookie('bazaar_cart', token);
        return browser.client.cart.get.query();
      }),
    );
    expect(results.every((r) => r.lines.length === 1)).toBe(true);
    expect((await browser.client.cart.get.query()).lines[0]?.quantity).toBe(2);
  });
});

describe('under concurrency', () => {
  it('50 adds of one unit at once, 5 available: exactly 5 in the cart, the rest CONFLICT, no 500', async () => {
    const browser = guest();
    const { variantId } = await freshProduct(5);
    await browser.client.cart.add.mutate({ variantId, quantity: 1 }); // the cart and its cookie
    const outcomes = await Promise.allSettled(
      Array.from({ length: 49 }, () => browser.client.cart.add.mutate({ variantId, quantity: 1 })),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.length - refused.length).toBe(4);
    for (const o of refused)
      expect((o.reason as { data?: { code?: string } }).data?.code).toBe('CONFLICT');
    expect((await browser.client.cart.get.query()).lines[0]?.quantity).toBe(5);
  });

  it(`holds at most ${MAX_CART_LINES} different items, also when more arrive at once`, async () => {
    const browser = guest();
    const many = await insertProduct(app().db, {
      slug: 'cart-many',
      options: [{ name: 'N', values: Array.from({ length: 60 }, (_, i) => `v${i}`) }],
      variants: Array.from({ length: 60 }, (_, i) => ({
        sku: `CART-MANY-${i}`,
        options: { N: `v${i}` },
        prices: { EUR: 100 },
        stock: 1,
      })),
    });
    await browser.client.cart.add.mutate({ variantId: id(many, 'CART-MANY-0'), quantity: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 59 }, (_, i) =>
        browser.client.cart.add.mutate({ variantId: id(many, `CART-MANY-${i + 1}`), quantity: 1 }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(MAX_CART_LINES - 1);
    expect((await browser.client.cart.get.query()).lines).toHaveLength(MAX_CART_LINES);
  });
});
