import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/observability/metrics.ts';
import { TEST_CARDS } from '../src/services/payments/test-cards.ts';
import { checkoutFixtures } from './checkout-fixtures.ts';
import { roleId, staffMember } from './fixtures.ts';
import {
  type BrowserClient,
  browserClient,
  capturingLogger,
  PASSWORD,
  uniqueEmail,
  useTestApp,
} from './helpers.ts';

const METRICS_TOKEN = randomBytes(24).toString('base64url');
const metrics = createMetrics();
const app = useTestApp({ metrics, metricsToken: METRICS_TOKEN });
const { product, shopperWith, order } = checkoutFixtures(app);

const scrape = (url: string, token?: string) =>
  fetch(`${url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

/** The value of one series in Prometheus text (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const metricsText = async () => (await scrape(app().url, METRICS_TOKEN)).text();

describe('/metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const bare = await app().serve({});
    expect((await scrape(bare.url)).status).toBe(404);
    const untokened = await app().serve({ metrics: createMetrics() });
    expect((await scrape(untokened.url, METRICS_TOKEN)).status).toBe(404);
  });

  it('refuses a missing or wrong token', async () => {
    const missing = await scrape(app().url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await scrape(app().url, `${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(app().url, METRICS_TOKEN.slice(1))).status).toBe(401);
  });

  it('times each procedure by its path and status, never by what the URL says', async () => {
    const ok = await fetch(`${app().url}/trpc/catalog.categories`);
    expect(ok.status).toBe(200);
    const batch = await fetch(
      `${app().url}/trpc/catalog.categories,catalog.products.bySlug?batch=1&input=${encodeURIComponent(
        JSON.stringify({ 1: { json: { slug: 'no-such-product' } } }),
      )}`,
    );
    expect(batch.status).toBe(207);
    const junk = `junk${randomBytes(6).toString('hex')}`;
    expect((await fetch(`${app().url}/trpc/${junk}`)).status).toBe(404);
    expect((await fetch(`${app().url}/${junk}?secret=${junk}`)).status).toBe(404);
    await fetch(`${app().url}/healthz`);

    const res = await scrape(app().url, METRICS_TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const count = (labels: string) =>
      sample(text, `bazaar_http_request_duration_seconds_count{${labels}}`);
    expect(count('procedure="catalog.categories",status="200"')).toBe(1);
    // A batch counts once for each procedure it calls, with the batch's status.
    expect(count('procedure="catalog.categories",status="207"')).toBe(1);
    expect(count('procedure="catalog.products.bySlug",status="207"')).toBe(1);
    expect(count('procedure="unknown",status="404"')).toBe(2);
    expect(count('procedure="/healthz",status="200"')).toBe(1);
    expect(
      sample(
        text,
        'bazaar_http_request_duration_seconds_bucket{le="10",procedure="catalog.categories",status="200"}',
      ),
    ).toBe(1);
    expect(text).not.toContain(junk);
    expect(
      sample(
        text,
        'bazaar_procedure_errors_total{procedure="catalog.products.bySlug",code="NOT_FOUND"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'bazaar_procedure_errors_total{procedure="unknown",code="NOT_FOUND"}'),
    ).toBe(1);
  });
});

describe('checkout and payment counters', () => {
  const pay = (browser: BrowserClient, placed: Awaited<ReturnType<typeof order>>, card: string) =>
    browser.client.checkout.confirmTestPayment.mutate({
      orderId: placed.id,
      clientSecret: placed.payment.clientSecret,
      cardNumber: card,
    });

  it('count orders placed, refused, paid and declined', async () => {
    const before = await metricsText();
    const placedBefore = sample(before, 'bazaar_checkouts_placed_total');

    const item = await product(10, 2500);
    const paying = await shopperWith(item.variantId, 1);
    const idempotencyKey = crypto.randomUUID();
    const placed = await order(paying, { idempotencyKey });
    // The same request again answers the same order: not a second placement.
    expect((await order(paying, { idempotencyKey })).id).toBe(placed.id);
    expect(await pay(paying, placed, TEST_CARDS.success)).toMatchObject({ status: 'succeeded' });

    const declining = await shopperWith(item.variantId, 1);
    const declined = await order(declining);
    await pay(declining, declined, TEST_CARDS.declined);

    const changed = await shopperWith(item.variantId, 1);
    await expect(
      order(changed, { expectedTotal: { amount: 1, currency: 'EUR' } }),
    ).rejects.toThrow();
    await app().deliverWebhooks();

    const after = await metricsText();
    expect(sample(after, 'bazaar_checkouts_placed_total') - placedBefore).toBe(2);
    expect(sample(after, 'bazaar_checkouts_failed_total{reason="CART_CHANGED"}')).toBe(1);
    expect(sample(after, 'bazaar_payments_total{outcome="succeeded"}')).toBe(1);
    expect(sample(after, 'bazaar_payments_total{outcome="failed"}')).toBe(1);
    // Delivered again, the same events move nothing.
    await app().deliverWebhooks();
    expect(sample(await metricsText(), 'bazaar_payments_total{outcome="succeeded"}')).toBe(1);
  });
});

describe('the request log line', () => {
  it('names procedure, status, duration, request id and user; never a password or token', async () => {
    const server = await app().serve({});
    const browser = browserClient(server);
    const email = uniqueEmail('logged');
    await browser.client.auth.signUp.mutate({ name: 'Log Reader', email, password: PASSWORD });
    await browser.client.auth.signOut.mutate();
    // Refused input is logged as a rejection, by its message only: not the value given.
    const weak = `w${randomBytes(3).toString('hex')}`;
    await expect(
      browser.client.auth.signUp.mutate({
        name: 'Weak',
        email: uniqueEmail('weak'),
        password: weak,
      }),
    ).rejects.toThrow();
    const wrong = `${PASSWORD}-wrong`;
    await expect(browser.client.auth.signIn.mutate({ email, password: wrong })).rejects.toThrow();
    const signedIn = await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    if (signedIn.status !== 'signed-in') throw new Error('not signed in');
    const session = browser.cookie() as string;
    expect(session).toBeTruthy();

    const signIn = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://shop.test' },
      body: JSON.stringify({ json: { email, password: PASSWORD } }),
    });
    expect(signIn.status).toBe(200);
    const res = await fetch(`${server.url}/trpc/auth.session`, {
      headers: { cookie: `bazaar_session=${session}`, 'x-request-id': 'log-line-1' },
    });
    expect(res.status).toBe(200);
    // A program's API key: named by its id in the line, never by its token (live or not).
    const maker = await staffMember(app().db, 'Owner');
    const { key, token: bearer } = await app().services.apiKeys.create(maker.id, {
      name: 'Logged program',
      roleId: await roleId(app().db, 'Support'),
    });
    const orders = `${server.url}/trpc/admin.orders.list?input=${encodeURIComponent('{"json":{}}')}`;
    // Another last character: a token that already ended in "x" was left unchanged (CI saw it).
    const altered = `${bearer.slice(0, -1)}${bearer.endsWith('x') ? 'y' : 'x'}`;
    for (const [authorization, requestId, status] of [
      [`Bearer ${bearer}`, 'log-line-key', 200],
      [`Bearer ${altered}`, 'log-line-bad-key', 401],
    ] as const) {
      const called = await fetch(orders, { headers: { authorization, 'x-request-id': requestId } });
      expect(called.status).toBe(status);
    }

    const lines = server.lines();
    const output = JSON.stringify(lines);
    expect(lines.some((l) => l.msg === 'procedure rejected')).toBe(true);
    for (const secret of [PASSWORD, wrong, weak, session, bearer])
      expect(output).not.toContain(secret);
    const line = lines.find((l) => l.reqId === 'log-line-1' && l.msg === 'request');
    expect(line).toMatchObject({
      procedures: ['auth.session'],
      status: 200,
      ms: expect.any(Number),
      userId: signedIn.user.id,
    });
    expect(lines.filter((l) => l.reqId === 'log-line-1')).toHaveLength(1);
    expect(lines.find((l) => l.reqId === 'log-line-key' && l.msg === 'request')).toMatchObject({
      procedures: ['admin.orders.list'],
      status: 200,
      userId: maker.id,
      apiKeyId: key.id,
    });
    expect(output).not.toContain(bearer.split('.')[1]);
    const signIns = lines.filter(
      (l) => l.msg === 'request' && (l.procedures as string[] | undefined)?.[0] === 'auth.signIn',
    );
    expect(signIns.map((l) => l.status)).toEqual([401, 200, 200]);
  });

  it('redacts secrets a log call is handed: headers, passwords, tokens', () => {
    const { log, lines } = capturingLogger();
    log.info(
      {
        req: { headers: { cookie: 'bazaar_session=s3cret-1', authorization: 'Bearer s3cret-2' } },
        input: { email: 'ada@example.com', password: 's3cret-3', newPassword: 's3cret-4' },
        token: 's3cret-5',
      },
      'handed secrets',
    );
    expect(JSON.stringify(lines())).not.toContain('s3cret');
    expect(lines()[0]).toMatchObject({
      input: { email: 'ada@example.com', password: '[redacted]' },
      req: { headers: { authorization: '[redacted]' } },
    });
  });
});
