import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import {
  type Actor,
  type AppRouter,
  appRouter,
  createCallerFactory,
  createClient,
} from '@bazaar/contracts';
import { createTestDatabase, type TestDatabase } from '@bazaar/db/testing';
import { TRPCClientError } from '@trpc/client';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApiServer, type HttpSecurity } from '../src/http/server.ts';
import type { Logger } from '../src/logger.ts';
import { createRateLimits, type RateLimitOptions } from '../src/security/rate-limits.ts';
import {
  createServices,
  defaultServicesConfig,
  type ServerServices,
  type ServicesConfig,
} from '../src/services/index.ts';

/** A database of this test file's own, cloned from the seeded demo template. */
export function useDemoDatabase(): () => TestDatabase {
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(inject('demoTemplate'));
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  return () => {
    if (!testDb) throw new Error('test database not ready');
    return testDb;
  };
}

export function servicesFor(
  testDb: TestDatabase,
  config: Partial<ServicesConfig> = {},
): ServerServices {
  // Many sign-ups come from one test IP; the sign-up limit itself is tested with its own limits.
  const rateLimits = createRateLimits({
    limits: { signUpsByIp: { points: 10_000, duration: 60 } },
  });
  return createServices(testDb.handle.db, { ...defaultServicesConfig(), rateLimits, ...config });
}

/** The real Redis on 127.0.0.1:6379, with keys under a prefix no other test run shares. */
export function useRedis(): () => Redis {
  let redis: Redis | undefined;
  beforeAll(() => {
    redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: 1,
    });
  });
  afterAll(() => redis?.disconnect());
  return () => {
    if (!redis) throw new Error('redis not ready');
    return redis;
  };
}

export const redisRateLimits = (redis: Redis, options: Omit<RateLimitOptions, 'redis'> = {}) =>
  createRateLimits({
    redis,
    keyPrefix: `test:${process.pid}:${Math.random().toString(36).slice(2)}`,
    ...options,
  });

const createCaller = createCallerFactory(appRouter);

export function callerAs(services: ServerServices, actor: Actor = { kind: 'anonymous' }) {
  return createCaller({
    requestId: 'test',
    actor,
    session: null,
    client: { ip: '203.0.113.9', userAgent: 'vitest' },
    sessionCookie: { set: () => {}, clear: () => {} },
    services,
  });
}

export const anonymousCaller = (services: ServerServices) => callerAs(services);

/** A logger whose JSON lines are kept for assertions. */
export function capturingLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    log: pino({ level: 'debug' }, stream),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export const SHOP_ORIGIN = 'http://shop.test';

export const testSecurity: HttpSecurity = {
  allowedOrigins: new Set([SHOP_ORIGIN]),
  cookie: { secure: false },
  trustedProxies: new Set(['127.0.0.1']),
};

export interface RunningServer {
  url: string;
  lines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startServer(
  services: ServerServices,
  ping: () => Promise<boolean> = async () => true,
  security: HttpSecurity = testSecurity,
): Promise<RunningServer> {
  const { log, lines } = capturingLogger();
  const server = createApiServer({ services, log, ping, security });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/**
 * A browser-like client: keeps the session cookie between calls and sends the shop's Origin,
 * as the storefront does through its same-origin rewrite.
 */
export function browserClient(server: RunningServer, options: { ip?: string } = {}) {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  const fetchWithJar: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('origin', SHOP_ORIGIN);
    headers.set(
      'user-agent',
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    );
    if (options.ip) headers.set('x-forwarded-for', options.ip);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  return {
    client: createClient({ url: `${server.url}/trpc`, fetch: fetchWithJar }),
    cookie: (name = 'bazaar_session') => jar.get(name),
    setCookie: (name: string, value: string) => jar.set(name, value),
    /** Every Set-Cookie header received, oldest first. */
    setCookies,
  };
}

/** A password the strength check accepts. */
export const PASSWORD = 'Velvet-Anchor-Orbit-42';

/** The TRPCClientError a call fails with; throws if it succeeds or fails otherwise. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error('expected the call to fail');
}

let emailCounter = 0;
/** An email address no other test (or earlier run against a cloned database) has used. */
export const uniqueEmail = (label: string, domain = 'example.com') =>
  `${label}-${++emailCounter}-${Date.now()}@${domain}`;
