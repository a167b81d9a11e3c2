import { describe, expect, it } from 'vitest';
import { trustProxies } from '../src/security/client-ip.ts';
import { browserClient, PASSWORD, SHOP_ORIGIN, uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();

async function signedInCookie() {
  const browser = app().browser();
  await browser.client.auth.signUp.mutate({
    name: 'H',
    email: uniqueEmail('hdr'),
    password: PASSWORD,
  });
  return `bazaar_session=${browser.cookie()}`;
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app().url}${path}`, { headers: { origin: SHOP_ORIGIN, ...headers } });

describe('response headers', () => {
  it('every response says nosniff: tRPC, health, media and not-found', async () => {
    for (const path of ['/trpc/catalog.categories', '/healthz', '/readyz', '/nowhere'])
      expect((await get(path)).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('private answers are no-store: mutations, a signed-in caller, non-public procedures', async () => {
    const cookie = await signedInCookie();
    const signedInRead = await get('/trpc/catalog.categories', { cookie });
    expect(signedInRead.headers.get('cache-control')).toBe('no-store');
    const mine = await get('/trpc/account.sessions.list', { cookie });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    const refused = await get('/trpc/account.sessions.list');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const mutation = await fetch(`${app().url}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { origin: SHOP_ORIGIN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(mutation.headers.get('cache-control')).toBe('no-store');
  });

  it('a public catalog read by an anonymous visitor may be cached, briefly', async () => {
    const res = await get('/trpc/catalog.categories');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3, stale-while-revalidate=60');
  });

  it('Strict-Transport-Security only when the shop is served over HTTPS', async () => {
    expect((await get('/healthz')).headers.get('strict-transport-security')).toBeNull();
    const https = await app().serve({ security: { hsts: true } });
    const res = await fetch(`${https.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toBe(
      'max-age=63072000; includeSubDomains',
    );
  });
});

describe('client address', () => {
  /** The address the API recorded for a session started with these X-Forwarded-For hops. */
  async function recordedIp(
    server: Awaited<ReturnType<ReturnType<typeof app>['serve']>>,
    xff: string,
  ) {
    const browser = browserClient(server, { ip: xff });
    const email = uniqueEmail('addr');
    await browser.client.auth.signUp.mutate({ name: 'A', email, password: PASSWORD });
    const [session] = await browser.client.account.sessions.list.query();
    return session?.ip;
  }

  it('takes the right-most hop that is not a trusted proxy, so a client cannot pick its own', async () => {
    // Trusted: loopback (the peer here) and the 10.0.0.0/8 load balancers in front of it.
    const server = await app().serve({
      security: { trustProxy: trustProxies(['loopback', '10.0.0.0/8']) },
    });
    expect(await recordedIp(server, '6.6.6.6, 203.0.113.5, 10.1.2.3')).toBe('203.0.113.5');
    expect(await recordedIp(server, '203.0.113.6')).toBe('203.0.113.6');
  });

  it('believes no X-Forwarded-For from a peer that is not trusted', async () => {
    const server = await app().serve({ security: { trustProxy: trustProxies(['10.0.0.0/8']) } });
    expect(await recordedIp(server, '203.0.113.7')).toBe('127.0.0.1');
  });
});
