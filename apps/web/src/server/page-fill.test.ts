import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageCacheDecision, type RequestLike } from './page-cache-key';
import { createPageFill } from './page-fill';

let server: Server;
let fill: ReturnType<typeof createPageFill>;
let received: { headers: IncomingHttpHeaders; fill: boolean }[] = [];

beforeEach(async () => {
  received = [];
  server = createServer((req, res) => {
    received.push({ fill: fill.isFillRequest(req), headers: { ...req.headers } });
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  fill = createPageFill({ host: '127.0.0.1', port, maxBytes: 1024 * 1024 });
});
afterEach(async () => {
  fill.close();
  await new Promise<void>((r) => server.close(() => r()));
});

async function render(req: RequestLike) {
  const decision = pageCacheDecision(req);
  if (!decision.cacheable) throw new Error(`not cacheable: ${decision.reason}`);
  return fill.render(req, decision);
}

describe('page fill', () => {
  it("renders as an anonymous visitor: a guest's cart and device cookies stay behind", async () => {
    const page = await render({
      method: 'GET',
      url: '/p/x?o.Size=M',
      headers: {
        host: 'shop.example',
        'user-agent': 'Mozilla/5.0',
        cookie: 'bazaar_cart=tok; bazaar_currency=EUR; bazaar_device=dev; _ga=1',
        'x-forwarded-for': '203.0.113.9',
      },
    });
    expect(page?.status).toBe(200);
    expect(page?.body.toString()).toBe('<p>page</p>');
    expect(received).toHaveLength(1);
    const [{ headers, fill: isFill } = { headers: {}, fill: false }] = received;
    expect(isFill).toBe(true);
    expect(headers.cookie).toBe('bazaar_currency=EUR');
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(headers['user-agent']).toBe('Mozilla/5.0');
    // Taken off once recognised, so Next.js never sees the secret.
    expect(headers['x-bazaar-page-fill']).toBeUndefined();
  });

  it('sends no cookie at all without a currency', async () => {
    await render({ method: 'GET', url: '/', headers: { cookie: '__Host-bazaar_cart=tok' } });
    expect(received[0]?.headers.cookie).toBeUndefined();
  });

  it('is not fooled by a made-up fill header', async () => {
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      headers: { 'x-bazaar-page-fill': '0'.repeat(32) },
    });
    expect(received[0]?.fill).toBe(false);
  });
});
