import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { STRONG_PASSWORD, uniqueEmail, WEB_ORIGIN } from './api';

/**
 * The API's per-address limits and the session list rely on the web app telling it who the
 * visitor is. Each test connects from its own loopback address (all of 127.0.0.0/8 is this
 * machine), the way two visitors would come from two addresses.
 */

interface Reply {
  status: number;
  body: string;
  cookies: string[];
}

/** One HTTP request to the web app, sent from the local address `from`. */
function send(
  from: string,
  path: string,
  {
    body,
    headers = {},
    cookies = [],
  }: { body?: unknown; headers?: Record<string, string>; cookies?: string[] } = {},
): Promise<Reply> {
  const url = new URL(path, WEB_ORIGIN);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: body === undefined ? 'GET' : 'POST',
        localAddress: from,
        agent: false,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json', origin: WEB_ORIGIN }),
          ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0] ?? ''),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify({ json: body }));
  });
}

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

  const list = await send('127.0.0.7', '/trpc/account.sessions.list', {
    cookies: fromSeven.cookies,
  });
  expect(list.status, list.body).toBe(200);
  const sessions = (
    JSON.parse(list.body) as { result: { data: { json: { ip: string; current: boolean }[] } } }
  ).result.data.json;
  const byCurrent = (current: boolean) => sessions.filter((s) => s.current === current);
  expect(byCurrent(true).map((s) => s.ip)).toEqual(['127.0.0.7']);
  // The sign-up's session and the sign-in from the other address.
  expect(
    byCurrent(false)
      .map((s) => s.ip)
      .sort(),
  ).toEqual(['127.0.0.7', '127.0.0.8']);
});
