import { schema } from '@bazaar/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertProduct } from './catalog-fixtures.ts';
import { customerAccount, customRole, signedIn, staffMember } from './fixtures.ts';
import { type BrowserClient, browserClient, errorOf, useTestApp } from './helpers.ts';

/**
 * The admin's checkout settings (`admin.settings.*`, `settings:write`): what staff save is what
 * `checkout.quote` uses next, as a shopper sees it over HTTP.
 */
const app = useTestApp();
const db = () => app().db;
let manager: BrowserClient;
let shopper: BrowserClient;

beforeAll(async () => {
  // Managers hold `settings:write` among the built-in roles.
  manager = await signedIn(app(), (await staffMember(db(), 'Manager')).email);
  const tee = await insertProduct(db(), {
    slug: 'settings-tee',
    variants: [{ sku: 'SETTINGS-TEE', prices: { EUR: 2000, USD: 2400 }, stock: 50 }],
  });
  shopper = browserClient(app());
  // A subtotal of 40.00 EUR / 48.00 USD.
  await shopper.client.cart.add.mutate({
    variantId: tee.variantIds['SETTINGS-TEE'] as string,
    quantity: 2,
  });
});

const settings = () => manager.client.admin.settings;
const quote = (input: Parameters<BrowserClient['client']['checkout']['quote']['query']>[0]) =>
  shopper.client.checkout.quote.query(input);
const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('shipping methods', () => {
  it('saves a method with rates per currency, which checkout offers where it ships', async () => {
    const saved = await settings().shipping.save.mutate({
      name: ' Settings Courier ',
      description: 'Two days',
      countries: ['de', 'AT'],
      position: 0,
      rates: [
        { currency: 'USD', amount: 900 },
        { currency: 'EUR', amount: 700, freeOver: 3000 },
      ],
    });
    expect(saved).toMatchObject({
      name: 'Settings Courier',
      description: 'Two days',
      countries: ['DE', 'AT'],
      position: 0,
      active: true,
      // In the shop's currency order, the default first.
      rates: [
        { currency: 'EUR', amount: 700, freeOver: 3000 },
        { currency: 'USD', amount: 900, freeOver: null },
      ],
    });
    expect((await settings().shipping.list.query()).find((m) => m.id === saved.id)).toEqual(saved);

    // 40.00 reaches the 30.00 threshold: free in euro; a flat 9.00 in dollars.
    const de = await quote({ country: 'DE', shippingMethodId: saved.id });
    expect(de.shippingOptions.find((o) => o.id === saved.id)).toMatchObject({
      name: 'Settings Courier',
      price: eur(0),
      freeOver: eur(3000),
    });
    expect(de.shipping).toEqual(eur(0));
    const usd = await quote({ country: 'AT', currency: 'USD', shippingMethodId: saved.id });
    expect(usd.shipping).toEqual({ amount: 900, currency: 'USD' });
    expect((await quote({ country: 'FR' })).shippingOptions.map((o) => o.id)).not.toContain(
      saved.id,
    );

    // A save replaces the rates: euro left out is no longer offered; inactive is never offered.
    const edited = await settings().shipping.save.mutate({
      ...saved,
      rates: [{ currency: 'USD', amount: 1100, freeOver: null }],
    });
    expect(edited.rates).toEqual([{ currency: 'USD', amount: 1100, freeOver: null }]);
    expect((await quote({ country: 'DE' })).shippingOptions.map((o) => o.id)).not.toContain(
      saved.id,
    );
    await settings().shipping.save.mutate({ ...edited, active: false });
    expect(
      (await quote({ country: 'DE', currency: 'USD' })).shippingOptions.map((o) => o.id),
    ).not.toContain(saved.id);

    await settings().shipping.delete.mutate({ id: saved.id });
    expect((await settings().shipping.list.query()).map((m) => m.id)).not.toContain(saved.id);
    const again = await errorOf(settings().shipping.delete.mutate({ id: saved.id }));
    expect(again.data?.code).toBe('NOT_FOUND');
    const gone = await errorOf(settings().shipping.save.mutate({ ...edited, id: saved.id }));
    expect(gone.data?.code).toBe('NOT_FOUND');
  });

  it('refuses bad input with field errors, and currencies the shop does not sell in', async () => {
    const notSold = await errorOf(
      settings().shipping.save.mutate({
        name: 'Swiss post',
        rates: [
          { currency: 'EUR', amount: 500 },
          { currency: 'CHF', amount: 500 },
        ],
      }),
    );
    expect(notSold.data?.code).toBe('BAD_REQUEST');
    expect(notSold.data?.fieldErrors).toEqual({
      'rates.1.currency': ['The shop does not sell in CHF'],
    });
    const bad = await errorOf(
      settings().shipping.save.mutate({
        name: '',
        countries: ['Germany'],
        rates: [
          { currency: 'EUR', amount: -1 },
          { currency: 'EUR', amount: 1.5 },
        ],
      }),
    );
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(Object.keys(bad.data?.fieldErrors ?? {}).sort()).toEqual([
      'countries.0',
      'name',
      'rates.0.amount',
      'rates.1.amount',
    ]);
    const twice = await errorOf(
      settings().shipping.save.mutate({
        name: 'Twice',
        rates: [
          { currency: 'EUR', amount: 1 },
          { currency: 'EUR', amount: 2 },
        ],
      }),
    );
    expect(twice.data?.fieldErrors).toEqual({ rates: ['One rate per currency'] });
  });
});

describe('tax rates', () => {
  it('saves, edits and deletes rates, which checkout applies to the destination', async () => {
    const ny = await settings().tax.save.mutate({
      country: 'us',
      region: ' NY ',
      rateBps: 888,
      name: 'Sales tax',
    });
    expect(ny).toMatchObject({ country: 'US', region: 'NY', rateBps: 888, name: 'Sales tax' });
    const listed = await settings().tax.list.query();
    expect(listed.pricesIncludeTax).toBe(true);
    expect(listed.rates.find((r) => r.id === ny.id)).toEqual(ny);
    // By country, then region (the whole country first).
    const keys = listed.rates.map((r) => `${r.country}/${r.region}`);
    expect(keys).toEqual([...keys].sort());

    expect((await quote({ country: 'US', region: 'NY' })).tax).toMatchObject({
      name: 'Sales tax',
      rateBps: 888,
    });
    await settings().tax.save.mutate({ ...ny, rateBps: 450 });
    expect((await quote({ country: 'US', region: 'NY' })).tax.rateBps).toBe(450);

    await settings().tax.delete.mutate({ id: ny.id });
    expect((await quote({ country: 'US', region: 'NY' })).tax.rateBps).toBe(0);
    expect((await errorOf(settings().tax.delete.mutate({ id: ny.id }))).data?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('switches between prices with tax included and tax added', async () => {
    try {
      expect(await settings().tax.setPricesIncludeTax.mutate({ pricesIncludeTax: false })).toEqual({
        pricesIncludeTax: false,
      });
      expect((await settings().tax.list.query()).pricesIncludeTax).toBe(false);
      // Germany's demo VAT (19%) is now added: 7.60 on 40.00, plus 19% of 4.95 shipping (0.94).
      const q = await quote({ country: 'DE' });
      expect(q.tax).toMatchObject({ included: false, amount: eur(760 + 94) });
      expect(q.total).toEqual(eur(4000 + 495 + 760 + 94));
    } finally {
      await settings().tax.setPricesIncludeTax.mutate({ pricesIncludeTax: true });
    }
    expect((await quote({ country: 'DE' })).tax.included).toBe(true);
  });

  it('refuses a second rate for one destination with a CONFLICT on its field', async () => {
    // The demo shop has Germany's VAT and California's sales tax.
    const country = await errorOf(settings().tax.save.mutate({ country: 'DE', rateBps: 700 }));
    expect(country.data?.code).toBe('CONFLICT');
    expect(country.data?.fieldErrors).toEqual({
      country: ['DE already has a tax rate: edit that one'],
    });
    const region = await errorOf(
      settings().tax.save.mutate({ country: 'US', region: 'CA', rateBps: 700 }),
    );
    expect(region.data?.code).toBe('CONFLICT');
    expect(region.data?.fieldErrors).toEqual({
      region: ['US CA already has a tax rate: edit that one'],
    });
    // Moving an existing rate onto another's destination is the same conflict.
    const mine = await settings().tax.save.mutate({ country: 'US', region: 'WA', rateBps: 650 });
    const moved = await errorOf(settings().tax.save.mutate({ ...mine, region: 'CA' }));
    expect(moved.data?.fieldErrors).toHaveProperty('region');
  });

  it('refuses bad input with field errors', async () => {
    const bad = await errorOf(
      settings().tax.save.mutate({ country: 'Deutschland', region: 'a\nb', rateBps: 100_001 }),
    );
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(Object.keys(bad.data?.fieldErrors ?? {}).sort()).toEqual([
      'country',
      'rateBps',
      'region',
    ]);
  });
});

describe('discount codes', () => {
  it('saves codes upper-case, which checkout applies, and lists their uses', async () => {
    const summer = await settings().discounts.save.mutate({
      code: ' summer-24 ',
      kind: 'percentage',
      percent: 20,
      perCustomerLimit: 1,
    });
    expect(summer).toMatchObject({
      code: 'SUMMER-24',
      kind: 'percentage',
      percent: 20,
      amount: null,
      currency: null,
      perCustomerLimit: 1,
      timesUsed: 0,
      orderCount: 0,
      active: true,
    });
    expect((await quote({ country: 'DE', discountCode: 'Summer-24' })).discount).toEqual({
      code: 'SUMMER-24',
      amount: eur(800),
    });

    const tenOff = await settings().discounts.save.mutate({
      code: 'TEN_OFF',
      kind: 'fixed',
      amount: 1000,
      currency: 'EUR',
      minSubtotal: 5000,
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 86_400_000),
    });
    const below = await errorOf(quote({ country: 'DE', discountCode: 'ten_off' }));
    expect(below.data?.fieldErrors).toEqual({
      discountCode: ['Your order is below this code’s minimum'],
    });
    await settings().discounts.save.mutate({ ...tenOff, minSubtotal: 3000 });
    expect((await quote({ country: 'DE', discountCode: 'ten_off' })).discount).toEqual({
      code: 'TEN_OFF',
      amount: eur(1000),
    });

    // Deactivated: kept, but refused at checkout.
    await settings().discounts.save.mutate({ ...tenOff, minSubtotal: 3000, active: false });
    const off = await errorOf(quote({ country: 'DE', discountCode: 'TEN_OFF' }));
    expect(off.data?.fieldErrors).toEqual({ discountCode: ['This code is not valid'] });

    const listed = await settings().discounts.list.query();
    expect(listed.find((c) => c.id === tenOff.id)).toMatchObject({
      code: 'TEN_OFF',
      active: false,
      minSubtotal: 3000,
      timesUsed: 0,
    });
    // Newest first.
    const ids = listed.map((c) => c.id);
    expect(ids.indexOf(tenOff.id)).toBeLessThan(ids.indexOf(summer.id));
  });

  it('refuses a code that exists with a CONFLICT on the code', async () => {
    const taken = await errorOf(
      settings().discounts.save.mutate({ code: 'welcome10', kind: 'percentage', percent: 5 }),
    );
    expect(taken.data?.code).toBe('CONFLICT');
    expect(taken.data?.fieldErrors).toEqual({ code: ['There is already a code WELCOME10'] });
    const mine = await settings().discounts.save.mutate({
      code: 'RENAME-ME',
      kind: 'percentage',
      percent: 5,
    });
    const renamed = await errorOf(settings().discounts.save.mutate({ ...mine, code: 'WELCOME10' }));
    expect(renamed.data?.code).toBe('CONFLICT');
    expect(renamed.data?.fieldErrors).toHaveProperty('code');
  });

  it('keeps a code that orders used: it can be deactivated, not deleted or limited below its uses', async () => {
    const used = await settings().discounts.save.mutate({
      code: 'USED-ONCE',
      kind: 'percentage',
      percent: 10,
      usageLimit: 5,
    });
    await db()
      .update(schema.discountCodes)
      .set({ timesUsed: 2 })
      .where(eq(schema.discountCodes.id, used.id));
    await db()
      .insert(schema.orders)
      .values({
        email: 'used@example.com',
        currency: 'EUR',
        subtotal: 1000,
        discountTotal: 100,
        shippingTotal: 0,
        taxTotal: 0,
        total: 900,
        pricesIncludeTax: true,
        taxName: 'VAT',
        taxRateBps: 0,
        shippingMethodName: 'Standard',
        shippingAddress: {
          fullName: 'Ada',
          company: '',
          line1: '1 Road',
          line2: '',
          city: 'Berlin',
          region: '',
          postalCode: '10115',
          country: 'DE',
          phone: '',
        },
        discountCodeId: used.id,
        discountCode: 'USED-ONCE',
        customerKey: 'used@example.com',
      });
    expect((await settings().discounts.list.query()).find((c) => c.id === used.id)).toMatchObject({
      timesUsed: 2,
      orderCount: 1,
    });

    const deleting = await errorOf(settings().discounts.delete.mutate({ id: used.id }));
    expect([deleting.data?.code, deleting.message]).toEqual([
      'CONFLICT',
      'Orders have used this code, so it is kept for them: deactivate it instead',
    ]);
    const lower = await errorOf(settings().discounts.save.mutate({ ...used, usageLimit: 1 }));
    expect(lower.data?.code).toBe('BAD_REQUEST');
    expect(lower.data?.fieldErrors).toEqual({
      usageLimit: ['Already used 2 times: the limit cannot be lower'],
    });
    const off = await settings().discounts.save.mutate({ ...used, usageLimit: 2, active: false });
    expect(off).toMatchObject({ active: false, usageLimit: 2, timesUsed: 2, orderCount: 1 });

    // A code no order used goes.
    const unused = await settings().discounts.save.mutate({
      code: 'NEVER-USED',
      kind: 'fixed',
      amount: 500,
      currency: 'USD',
    });
    await settings().discounts.delete.mutate({ id: unused.id });
    expect((await settings().discounts.list.query()).map((c) => c.id)).not.toContain(unused.id);
    const missing = await errorOf(settings().discounts.delete.mutate({ id: unused.id }));
    expect(missing.data?.code).toBe('NOT_FOUND');
  });

  it('refuses bad input with field errors', async () => {
    const cases: [
      Parameters<ReturnType<typeof settings>['discounts']['save']['mutate']>[0],
      string[],
    ][] = [
      [{ code: 'no spaces!', kind: 'percentage', percent: 10 }, ['code']],
      [{ code: 'PCT', kind: 'percentage' }, ['percent']],
      [{ code: 'PCT', kind: 'percentage', percent: 101 }, ['percent']],
      [{ code: 'FIX', kind: 'fixed', amount: 500 }, ['currency']],
      [{ code: 'FIX', kind: 'fixed', currency: 'EUR' }, ['amount']],
      [{ code: 'MIN', kind: 'percentage', percent: 5, minSubtotal: 1000 }, ['currency']],
      [{ code: 'LIM', kind: 'percentage', percent: 5, usageLimit: 0 }, ['usageLimit']],
      [
        {
          code: 'WHEN',
          kind: 'percentage',
          percent: 5,
          startsAt: new Date('2030-01-02'),
          endsAt: new Date('2030-01-01'),
        },
        ['endsAt'],
      ],
      // Checked by the service: the shop's currencies.
      [{ code: 'CHF', kind: 'fixed', amount: 500, currency: 'CHF' }, ['currency']],
    ];
    for (const [input, fields] of cases) {
      const error = await errorOf(settings().discounts.save.mutate(input));
      expect(error.data?.code, input.code).toBe('BAD_REQUEST');
      expect(Object.keys(error.data?.fieldErrors ?? {}), input.code).toEqual(fields);
    }
  });
});

describe('access', () => {
  it('needs settings:write: other staff and customers are FORBIDDEN, guests UNAUTHORIZED', async () => {
    const everythingElse = await customRole(db(), 'No settings', [
      'catalog:write',
      'orders:read',
      'orders:write',
      'customers:read',
      'staff:manage',
      'reports:read',
      'audit:read',
    ]);
    const others = [
      await signedIn(app(), (await staffMember(db(), everythingElse)).email),
      await signedIn(app(), (await staffMember(db(), 'Catalog editor')).email),
      await signedIn(app(), (await customerAccount(db())).email),
    ];
    for (const other of others) {
      const s = other.client.admin.settings;
      const calls = [
        () => s.shipping.list.query(),
        () => s.tax.list.query(),
        () => s.discounts.list.query(),
        () => s.tax.setPricesIncludeTax.mutate({ pricesIncludeTax: false }),
        () => s.discounts.save.mutate({ code: 'SNEAKY', kind: 'percentage', percent: 100 }),
      ];
      for (const call of calls) expect((await errorOf(call())).data?.code).toBe('FORBIDDEN');
    }
    expect((await errorOf(shopper.client.admin.settings.tax.list.query())).data?.code).toBe(
      'UNAUTHORIZED',
    );
    // Nothing changed.
    expect((await settings().tax.list.query()).pricesIncludeTax).toBe(true);
    expect((await settings().discounts.list.query()).map((c) => c.code)).not.toContain('SNEAKY');
  });
});
