import { expect, test } from './test';
import { startWebServer } from './web-server';

/** The web server process itself: how it fails, what it adds to every response, how it stops. */

const WEB_ORIGIN = new URL(process.env.E2E_WEB_ORIGIN ?? 'http://127.0.0.1:3100');

test('a taken port: one line naming the port and WEB_PORT, exit code 1', async () => {
  const { code, output } = await startWebServer({ WEB_PORT: WEB_ORIGIN.port }).exited;
  expect(code).toBe(1);
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`:${WEB_ORIGIN.port}`);
  expect(lines[0]).toContain('WEB_PORT');
});

test('a build made for another API_URL refuses to start, saying so', async () => {
  const { code, output } = await startWebServer({ API_URL: 'http://127.0.0.1:1' }).exited;
  expect(code).toBe(1);
  expect(output.trim().split('\n')).toHaveLength(1);
  expect(output).toContain('API_URL is http://127.0.0.1:1');
});

test('idle keep-alive connections outlive those of load balancers and browsers', async ({
  request,
}) => {
  // Node's default (5 s) made a client reusing an idle connection get ECONNRESET.
  const res = await request.get(`${WEB_ORIGIN.origin}/icon.svg`);
  expect(res.headers()['keep-alive']).toBe('timeout=65');
});

test('an HTTPS shop gets HSTS on every response; SIGTERM stops the server cleanly', async ({
  request,
}) => {
  const server = startWebServer({ PUBLIC_URL: 'https://shop.example.test' });
  const origin = await server.origin();
  try {
    for (const path of ['/sign-in', '/icon.svg', '/trpc/catalog.categories']) {
      const res = await request.get(`${origin}${path}`);
      expect(res.headers()['strict-transport-security'], path).toBe(
        'max-age=63072000; includeSubDomains',
      );
    }
    const page = await request.get(`${origin}/sign-in`);
    expect(page.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  } finally {
    server.kill('SIGTERM');
  }
  const { code, output } = await server.exited;
  expect(code, output).toBe(0);
});
