import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp, trustLoopback, trustProxies } from '../src/security/client-ip.ts';
import {
  browserClient,
  errorOf,
  PASSWORD,
  type TestServer,
  uniqueEmail,
  useTestApp,
} from './helpers.ts';

/**
 * The client address behind per-IP limits and the session list: `X-Forwarded-For` counts only
 * when the peer that sent it is a trusted proxy, and then only back to the first untrusted hop.
 */
const app = useTestApp();

/** Signs up from `server` claiming `forwardedFor`; the address the session was recorded with. */
async function recordedAddress(server: TestServer, forwardedFor: string) {
  const browser = browserClient(server, { ip: forwardedFor });
  await browser.client.auth.signUp.mutate({
    name: 'Ivo Address',
    email: uniqueEmail('ip'),
    password: PASSWORD,
  });
  const [session] = await browser.client.account.sessions.list.query();
  return session?.ip;
}

describe('over HTTP', () => {
  it('a peer that is not a trusted proxy cannot choose its address with X-Forwarded-For', async () => {
    // The tests connect from loopback; here only 10.0.0.0/8 is a trusted proxy.
    const direct = await app().serve({ security: { trustProxy: trustProxies(['10.0.0.0/8']) } });
    expect(await recordedAddress(direct, '203.0.113.77')).toBe('127.0.0.1');
    expect(await recordedAddress(direct, '203.0.113.78, 10.0.0.1')).toBe('127.0.0.1');
  });

  it('so rotating the header does not escape a per-IP limit', async () => {
    const direct = await app().serve({
      security: { trustProxy: trustProxies([]) },
      limits: { signUpsByIp: { points: 2 } },
    });
    const attempt = (n: number) =>
      browserClient(direct, { ip: `203.0.113.${n}` }).client.auth.signUp.mutate({
        name: 'Rota Tor',
        email: uniqueEmail('rotate'),
        password: PASSWORD,
      });
    await attempt(1);
    await attempt(2);
    expect((await errorOf(attempt(3))).data).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      appCode: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
  });

  it('behind a trusted proxy, the right-most hop that is not a trusted proxy is the client', async () => {
    const behindProxies = await app().serve({
      security: { trustProxy: trustProxies(['loopback', '10.0.0.0/8']) },
    });
    // What the client claimed (198.51.100.1) comes before what the proxies saw.
    expect(await recordedAddress(behindProxies, '198.51.100.1, 203.0.113.9, 10.0.0.2')).toBe(
      '203.0.113.9',
    );
    expect(await recordedAddress(app(), '198.51.100.1, 203.0.113.10')).toBe('203.0.113.10');
  });
});

/** A request as node:http hands it over: a socket with the peer, and headers. */
const request = (remoteAddress: string | undefined, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientIp', () => {
  it('is the peer when it sends no header or is not trusted', () => {
    expect(clientIp(request('203.0.113.5'))).toBe('203.0.113.5');
    expect(clientIp(request('203.0.113.5', '198.51.100.1'))).toBe('203.0.113.5');
    expect(clientIp(request('127.0.0.1'), trustLoopback)).toBe('127.0.0.1');
  });

  it('walks back from a trusted peer to the first untrusted hop', () => {
    expect(clientIp(request('127.0.0.1', '198.51.100.1'))).toBe('198.51.100.1');
    expect(clientIp(request('::1', '198.51.100.1, 203.0.113.2'))).toBe('203.0.113.2');
    const trust = trustProxies(['127.0.0.1', '10.0.0.0/8']);
    expect(clientIp(request('127.0.0.1', '198.51.100.1, 10.9.9.9, 10.0.0.1'), trust)).toBe(
      '198.51.100.1',
    );
  });

  it('gives IPv4-mapped IPv6 addresses as IPv4, so one client has one key', () => {
    expect(clientIp(request('::ffff:203.0.113.5'))).toBe('203.0.113.5');
    expect(clientIp(request('::ffff:127.0.0.1', '::ffff:198.51.100.4'))).toBe('198.51.100.4');
    expect(clientIp(request('2001:db8::1'))).toBe('2001:db8::1');
    expect(clientIp(request('::ffff:not-an-ip'))).toBe('::ffff:not-an-ip');
    // Only the ::ffff: prefix maps: another IPv6 address with an IPv4 tail stays itself.
    expect(clientIp(request('::1234:1.2.3.4'))).toBe('::1234:1.2.3.4');
  });

  it('is null without a peer, and the peer when the header is garbage', () => {
    expect(clientIp(request(undefined, '198.51.100.1'))).toBeNull();
    expect(clientIp(request('127.0.0.1', 'not-an-address'))).toBe('127.0.0.1');
  });

  it('trustProxies refuses an entry that is no address, range or known name', () => {
    expect(() => trustProxies(['not-a-proxy'])).toThrow();
    expect(trustProxies(['uniquelocal'])('fd00::1', 0)).toBe(true);
    expect(trustProxies([])('127.0.0.1', 0)).toBe(false);
  });
});
