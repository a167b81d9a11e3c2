import type { Database } from '../client.ts';
import { discountCodes, shippingMethods, shippingRates, taxRates } from '../schema/index.ts';

/** EU VAT rates (standard), the UK's, and a US state's sales tax: enough to see tax work. */
const DEMO_TAX_RATES = [
  { country: 'AT', rateBps: 2000, name: 'VAT' },
  { country: 'BE', rateBps: 2100, name: 'VAT' },
  { country: 'DE', rateBps: 1900, name: 'VAT' },
  { country: 'ES', rateBps: 2100, name: 'VAT' },
  { country: 'FR', rateBps: 2000, name: 'VAT' },
  { country: 'IT', rateBps: 2200, name: 'VAT' },
  { country: 'NL', rateBps: 2100, name: 'VAT' },
  { country: 'GB', rateBps: 2000, name: 'VAT' },
  { country: 'US', region: 'CA', rateBps: 725, name: 'Sales tax' },
];

/** Standard (free over a threshold, as the header promises) and Express, in each demo currency. */
const DEMO_SHIPPING = [
  {
    name: 'Standard',
    description: '3–5 working days',
    rates: { EUR: [495, 7500], USD: [595, 8500], GBP: [450, 6500] },
  },
  {
    name: 'Express',
    description: 'Next working day',
    rates: { EUR: [1295, null], USD: [1495, null], GBP: [1195, null] },
  },
] as const;

/** The demo shop's shipping methods, tax rates and a welcome code (10% once per customer). */
export async function insertDemoCheckout(tx: Database) {
  for (const [position, method] of DEMO_SHIPPING.entries()) {
    const [row] = await tx
      .insert(shippingMethods)
      .values({ name: method.name, description: method.description, position })
      .returning({ id: shippingMethods.id });
    const methodId = (row as { id: string }).id;
    await tx.insert(shippingRates).values(
      Object.entries(method.rates).map(([currency, [amount, freeOverAmount]]) => ({
        methodId,
        currency,
        amount,
        freeOverAmount,
      })),
    );
  }
  await tx.insert(taxRates).values(DEMO_TAX_RATES).onConflictDoNothing();
  await tx
    .insert(discountCodes)
    .values({ code: 'WELCOME10', kind: 'percentage', percent: 10, perCustomerLimit: 1 })
    .onConflictDoNothing();
}
