import { CookieJar, fetchWithCookies } from '@bazaar/contracts/cookies';
import { createClient } from '@bazaar/contracts/server';
import { describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();

/**
 * `fetchWithCookies` from `@bazaar/contracts/cookies`: a program in Node keeps a customer's
 * cookies (session, guest cart) between calls, as the storefront's browser does.
 */
describe('a customer flow from Node with the cookie jar', () => {
  it('keeps the guest cart, signs up, stays signed in and signs out', async () => {
    const jar = new CookieJar();
    const client = createClient({ url: `${app().url}/trpc`, fetch: fetchWithCookies(jar) });
    const page = await client.catalog.products.list.query({ limit: 1, inStock: true });
    const product = await client.catalog.products.bySlug.query({
      slug: page.items[0]?.slug as string,
    });
    const variant = product.variants.find((v) => v.stock > 0 && v.price !== null);
    await client.cart.add.mutate({ variantId: variant?.id as string, quantity: 1 });
    // The guest cart is the cart cookie's: the next call finds it.
    expect((await client.cart.get.query()).itemCount).toBe(1);

    const email = uniqueEmail('jar');
    await client.auth.signUp.mutate({ name: 'Jar', email, password: PASSWORD });
    const session = await client.auth.session.query();
    expect(session).toMatchObject({ status: 'signed-in', user: { email } });
    expect(await jar.getCookieString(app().url)).toMatch(/session=/);

    // Another client without the jar is a stranger.
    const stranger = createClient({ url: `${app().url}/trpc` });
    expect(await stranger.auth.session.query()).toEqual({ status: 'signed-out' });

    await client.auth.signOut.mutate();
    expect(await client.auth.session.query()).toEqual({ status: 'signed-out' });
  });
});
