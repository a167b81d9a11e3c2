import type { IncomingMessage } from 'node:http';
import { type BazaarClientError, createClient, isBazaarError } from '@bazaar/contracts/server';
import { users } from '@bazaar/db/schema';
import { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { allowedOriginsFor, refuseCrossSite } from '../src/security/csrf.ts';
import { PASSWORD, SHOP_ORIGIN, uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();
const newEmail = () => uniqueEmail('csrf');

const userExists = async (email: string) =>
  (await app().db.select().from(users).where(eq(users.email, email))).length > 0;

async function signedInCookie() {
  const browser = app().browser();
  await browser.client.auth.signUp.mutate({ name: 'V', email: newEmail(), password: PASSWORD });
  return `bazaar_session=${browser.cookie()}`;
}

describe('allowed origins', () => {
  it('is the public origin only, or every loopback spelling of a loopback shop', () => {
    expect([...allowedOriginsFor('https://shop.example.com/store')]).toEqual([
      'https://shop.example.com',
    ]);
    expect([...allowedOriginsFor('http://localhost:3000')].sort()).toEqual([
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://localhost:3000',
    ]);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cross-site HTML form post before any procedure runs', async () => {
    const email = newEmail();
    const res = await fetch(`${app().url}/trpc/auth.signUp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: new URLSearchParams({ json: JSON.stringify({ name: 'X', email, password: PASSWORD }) }),
    });
    expect(res.status).toBe(415);
    expect(await userExists(email)).toBe(false);
  });

  it('refuses a JSON mutation from another origin, even with a valid session cookie', async () => {
    const cookie = await signedInCookie();
    const res = await fetch(`${app().url}/trpc/account.updateProfile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', cookie },
      body: JSON.stringify({ json: { name: 'Pwned' } }),
    });
    expect(res.status).toBe(403);
  });

  it('refuses a mutation the browser marks as cross-site or same-site', async () => {
    const cookie = await signedInCookie();
    for (const site of ['cross-site', 'same-site']) {
      const res = await fetch(`${app().url}/trpc/account.updateProfile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': site, cookie },
        body: JSON.stringify({ json: { name: 'Pwned' } }),
      });
      expect(res.status).toBe(403);
    }
  });

  it('refuses text/plain, the other body a form can send without a preflight', async () => {
    const email = newEmail();
    const res = await fetch(`${app().url}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: SHOP_ORIGIN },
      body: JSON.stringify({ json: { name: 'X', email, password: PASSWORD } }),
    });
    expect(res.status).toBe(415);
    expect(await userExists(email)).toBe(false);
  });

  it('a GET to a mutation is refused and changes nothing', async () => {
    const email = newEmail();
    const input = encodeURIComponent(
      JSON.stringify({ json: { name: 'X', email, password: PASSWORD } }),
    );
    const res = await fetch(`${app().url}/trpc/auth.signUp?input=${input}`);
    expect(res.status).toBe(405);
    // In tRPC's error shape, as every refusal of the HTTP layer, so a client reads its code.
    expect((await res.json()).error.json.data).toMatchObject({
      code: 'METHOD_NOT_SUPPORTED',
      appCode: 'INVALID_REQUEST',
    });
    expect(await userExists(email)).toBe(false);
  });

  it('accepts same-origin JSON mutations and non-browser clients', async () => {
    const email = newEmail();
    const res = await fetch(`${app().url}/trpc/auth.signUp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: SHOP_ORIGIN,
        'sec-fetch-site': 'same-origin',
      },
      body: JSON.stringify({ json: { name: 'X', email, password: PASSWORD } }),
    });
    expect(res.status).toBe(200);
    expect(await userExists(email)).toBe(true);
    const server2server = await fetch(`${app().url}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(server2server.status).toBe(200);
  });
});

describe('the Origin must be the shop’s exactly', () => {
  it.each([
    'http://shop.test.evil.com',
    'http://shop.testevil.com',
    'http://shop.tes',
    'https://shop.test',
    'http://shop.test:8080',
    'http://evil.com',
    'null',
  ])('refuses %s', async (origin) => {
    const email = newEmail();
    const res = await fetch(`${app().url}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ json: { name: 'X', email, password: PASSWORD } }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: {
        json: {
          message: 'Cross-origin request refused',
          data: { code: 'FORBIDDEN', httpStatus: 403, path: 'auth.signUp' },
        },
      },
    });
    expect(await userExists(email)).toBe(false);
  });
});

describe('refusals reach the typed client with their code', () => {
  /** The typed client, with `headers` added to every request as a cross-site page would. */
  const clientWith = (headers: Record<string, string>) =>
    createClient({
      url: `${app().url}/trpc`,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...Object.fromEntries(new Headers(init?.headers)), ...headers },
        }),
    });

  it('a cross-origin mutation is FORBIDDEN, alone and in a batch', async () => {
    const client = clientWith({ origin: 'https://evil.example' });
    const email = newEmail();
    const alone = await client.auth.signUp
      .mutate({ name: 'X', email, password: PASSWORD })
      .catch((e: unknown) => e);
    expect(alone).toBeInstanceOf(TRPCClientError);
    expect((alone as BazaarClientError).message).toBe('Cross-origin request refused');
    expect(isBazaarError(alone)).toBe(true);
    expect((alone as BazaarClientError).data).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'CROSS_SITE_REFUSED',
      httpStatus: 403,
    });
    const batch = await Promise.allSettled([
      client.auth.signUp.mutate({ name: 'X', email, password: PASSWORD }),
      client.auth.signOut.mutate(),
    ]);
    for (const result of batch) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as BazaarClientError;
      expect(error.data?.code).toBe('FORBIDDEN');
    }
    expect(await userExists(email)).toBe(false);
  });

  it('a mutation without a JSON body is UNSUPPORTED_MEDIA_TYPE (415)', async () => {
    const res = await fetch(`${app().url}/trpc/auth.signOut?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject([
      {
        error: {
          json: {
            data: {
              code: 'UNSUPPORTED_MEDIA_TYPE',
              appCode: 'CROSS_SITE_REFUSED',
              path: 'auth.signOut',
            },
          },
        },
      },
    ]);
  });
});

describe('refuseCrossSite', () => {
  const allowed = new Set([SHOP_ORIGIN]);
  const post = (headers: Record<string, string>) =>
    refuseCrossSite({ headers } as unknown as IncomingMessage, allowed);

  it('accepts JSON in any spelling of its media type, with parameters', () => {
    for (const type of [
      'application/json',
      'Application/JSON',
      ' application/json ; charset=utf-8',
    ])
      expect(post({ 'content-type': type, origin: SHOP_ORIGIN }), type).toBeNull();
  });

  it('refuses other or missing content types with 415 before looking at the origin', () => {
    for (const headers of [
      {},
      { 'content-type': 'application/jsonp' },
      { 'content-type': '' },
    ] as Record<string, string>[])
      expect(post({ ...headers, origin: SHOP_ORIGIN })).toEqual({
        status: 415,
        message: 'Mutations need a JSON body (content-type: application/json)',
      });
  });

  it('accepts same-origin and user-initiated (none) fetches; refuses the rest with 403', () => {
    const json = { 'content-type': 'application/json' };
    expect(post({ ...json, 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(post({ ...json, 'sec-fetch-site': 'none' })).toBeNull();
    for (const site of ['same-site', 'cross-site', ''])
      expect(post({ ...json, 'sec-fetch-site': site })).toEqual({
        status: 403,
        message: 'Cross-site request refused',
      });
    expect(post({ ...json, origin: SHOP_ORIGIN, 'sec-fetch-site': 'cross-site' })?.status).toBe(
      403,
    );
  });
});
