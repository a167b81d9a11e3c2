import { STRONG_PASSWORD, uniqueEmail } from './api';
import { expect, test } from './test';
import { sendFrom as send, sessionAddresses, startWebServer } from './web-server';

/**
 * The API's per-address limits and the session list rely on the web app telling it who the
 * visitor is. Each test connects from its own loopback addresses (all of 127.0.0.0/8 is this
 * machine), the way visitors would come from their own addresses.
 */

/** Headers a client may send to pass for someone else; the web app must ignore all of them. */
const forged = (n: number) => ({
  'x-forwarded-for': `198.51.100.${n}`,
  forwarded: `for=198.51.100.${n}`,
  'x-real-ip': `198.51.100.${n}`,
});

test('a fresh X-Forwarded-For on every guess does not get around the sign-in limit', async () => {
  const email = uniqueEmail('target');
  const statuses: number[] = [];
  for (let n = 1; n <= 6; n++) {
    const reply = await send('127.0.0.5', '/trpc/auth.signIn', {
      body: { email, password: `wrong-guess-${n}` },
      headers: forged(n),
    });
    statuses.push(reply.status);
  }
  // Five failures for one email from one client, then the limit holds.
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
});

test('the API records the address the visitor connected from, not one it claims', async () => {
  const account = {
    name: 'Two Places',
    email: uniqueEmail('two-places'),
    password: STRONG_PASSWORD,
  };
  const signUp = await send('127.0.0.7', '/trpc/auth.signUp', { body: account });
  expect(signUp.status, signUp.body).toBe(200);

  const credentials = { email: account.email, password: account.password };
  const fromSeven = await send('127.0.0.7', '/trpc/auth.signIn', {
    body: credentials,
    headers: forged(7),
  });
  expect(fromSeven.status, fromSeven.body).toBe(200);
  const fromEight = await send('127.0.0.8', '/trpc/auth.signIn', { body: credentials });
  expect(fromEight.status, fromEight.body).toBe(200);

  // The sign-up's session and the sign-in from the other address, then this one.
  expect(await sessionAddresses('127.0.0.7', fromSeven.cookies)).toEqual({
    current: ['127.0.0.7'],
    others: ['127.0.0.7', '127.0.0.8'],
  });
});

test('behind a trusted reverse proxy, the client is the right-most address the proxy reports', async () => {
  // A second web server that believes X-Forwarded-For from 127.0.0.9 (say, nginx) only.
  const server = startWebServer({ WEB_TRUSTED_PROXIES: '127.0.0.9' });
  try {
    const origin = await server.origin();
    const account = { name: 'Proxied', email: uniqueEmail('proxied'), password: STRONG_PASSWORD };
    const signUp = await send('127.0.0.9', `${origin}/trpc/auth.signUp`, { body: account });
    expect(signUp.status, signUp.body).toBe(200);
    const credentials = { email: account.email, password: account.password };

    // Through the proxy: the client claimed 198.51.100.1, the proxy saw 203.0.113.5.
    const viaProxy = await send('127.0.0.9', `${origin}/trpc/auth.signIn`, {
      body: credentials,
      headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.5' },
    });
    expect(viaProxy.status, viaProxy.body).toBe(200);
    // Straight to the web server from elsewhere, with the same claim: not believed.
    const direct = await send('127.0.0.10', `${origin}/trpc/auth.signIn`, {
      body: credentials,
      headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.5' },
    });
    expect(direct.status, direct.body).toBe(200);

    expect(await sessionAddresses('127.0.0.9', viaProxy.cookies, origin)).toEqual({
      current: ['203.0.113.5'],
      others: ['127.0.0.10', '127.0.0.9'],
    });
  } finally {
    server.kill('SIGTERM');
    await server.exited;
  }
});
