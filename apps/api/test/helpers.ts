import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  type Actor,
  type AppRouter,
  appRouter,
  createCallerFactory,
  createClient,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { createTestDatabase, type TestDatabase } from '@bazaar/db/testing';
import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApiServer, type HttpSecurity } from '../src/http/server.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { createMediaStore } from '../src/media/store.ts';
import type { AppMetrics } from '../src/observability/metrics.ts';
import { createReadiness } from '../src/observability/readiness.ts';
import { trustLoopback } from '../src/security/client-ip.ts';
import { createKeyring } from '../src/security/keyring.ts';
import { argon2Passwords, type PasswordHasher } from '../src/security/passwords.ts';
import { createRateLimits, type RateLimitOptions } from '../src/security/rate-limits.ts';
import { passwordResetRenderer } from '../src/services/accounts/password-reset-mail.ts';
import {
  createServices,
  defaultServicesConfig,
  type ServerServices,
  type ServicesConfig,
} from '../src/services/index.ts';
import { createMailDispatcher } from '../src/services/mail/dispatcher.ts';
import { devMailboxTransport } from '../src/services/mail/transports.ts';

/**
 * The one bootstrap of the API's integration tests (after Vendure's): a test file calls
 * `useTestApp()` at its top and gets, for the whole file, its own database cloned from the seeded
 * demo template, the real services with rate limits counted in the real Redis under keys of its
 * own, a mail dispatcher, and the HTTP server on a free port.
 */
export function useTestApp(options: TestAppOptions = {}): () => TestApp {
  let app: TestApp | undefined;
  const extra: RunningServer[] = [];
  let redis: Redis | undefined;
  beforeAll(async () => {
    const testDb = await createTestDatabase(inject('demoTemplate'));
    redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: 1,
    });
    const serve = async (opts: TestAppOptions) => {
      let url: string | null = null;
      const real = servicesFor(testDb, redis as Redis, opts, () =>
        url ? `${url}/webhooks/payments/test` : null,
      );
      const services = opts.wrap ? opts.wrap(real) : real;
      const server = await startServer(
        services,
        opts.ping,
        { ...testSecurity, ...opts.security },
        opts,
      );
      url = server.url;
      return { ...server, services };
    };
    const main = await serve(options);
    extra.push(main);
    const dispatcher = createMailDispatcher(
      testDb.handle.db,
      devMailboxTransport,
      capturingLogger().log,
      { 'password-reset': passwordResetRenderer(SHOP_URL) },
    );
    app = {
      testDb,
      db: testDb.handle.db,
      ...main,
      browser: (browserOptions) => browserClient(main, browserOptions),
      caller: (actor) => callerAs(main.services, actor),
      async deliverWebhooks() {
        let delivered = 0;
        const provider = main.services.testPayments;
        if (!provider) throw new Error('the test payment provider is not in use');
        for (let n = await provider.deliverWebhooks(); n > 0; n = await provider.deliverWebhooks())
          delivered += n;
        return delivered;
      },
      async deliverMail() {
        let delivered = 0;
        for (let n = await dispatcher.runOnce(); n > 0; n = await dispatcher.runOnce())
          delivered += n;
        return delivered;
      },
      async serve(opts) {
        const server = await serve(opts);
        extra.push(server);
        return server;
      },
    };
  });
  afterAll(async () => {
    await Promise.all(extra.map((s) => s.close()));
    redis?.disconnect();
    await app?.testDb.drop();
  });
  return () => {
    if (!app) throw new Error('test app not ready: call it inside a test or hook');
    return app;
  };
}

export interface TestAppOptions {
  /** Service settings, e.g. `{ demoMode: true }`. */
  config?: Partial<ServicesConfig>;
  /** Rate-limit overrides; the defaults apply otherwise (except sign-ups: see `servicesFor`). */
  limits?: RateLimitOptions['limits'];
  security?: Partial<HttpSecurity>;
  /** Readiness probe (`/readyz`). */
  ping?: () => Promise<boolean>;
  /** Replaces parts of the real services, e.g. to make one fail or count its calls. */
  wrap?: (real: ServerServices) => ServerServices;
  /** Counts requests, checkouts and payments here, served at `/metrics` with `metricsToken`. */
  metrics?: AppMetrics;
  metricsToken?: string;
}

export interface TestServer extends RunningServer {
  services: ServerServices;
}

export interface TestApp extends TestServer {
  testDb: TestDatabase;
  db: Database;
  /** A browser-like client of the main server (see `browserClient`). */
  browser(options?: BrowserOptions): BrowserClient;
  /** Calls procedures in-process, as `actor`. */
  caller(actor?: Actor): ReturnType<typeof callerAs>;
  /** Sends the test payment provider's due webhooks to this file's server (signed, over HTTP). */
  deliverWebhooks(): Promise<number>;
  /** Delivers what is due in the outbox to the development mailbox (renders reset requests). */
  deliverMail(): Promise<number>;
  /** Another server on this file's database with other settings; closed with the file. */
  serve(options: TestAppOptions): Promise<TestServer>;
}

/** The same key for every server of a run, so a TOTP key sealed by one opens on another. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);
export const testKeyring = createKeyring([TEST_SECRET_KEY]);
export const SHOP_ORIGIN = 'http://shop.test';
const SHOP_URL = SHOP_ORIGIN;

/** Signs the test provider's webhooks in every test server. */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-of-the-test-suite';

function servicesFor(
  testDb: TestDatabase,
  redis: Redis,
  options: TestAppOptions,
  webhookUrl: () => string | null,
) {
  const rateLimits = createRateLimits({
    redis,
    keyPrefix: `test:${process.pid}:${Math.random().toString(36).slice(2)}`,
    // A file signs many customers up from few addresses; the sign-up limit has its own test.
    limits: { signUpsByIp: { points: 10_000 }, ...options.limits },
  });
  return createServices(testDb.handle.db, {
    ...defaultServicesConfig(),
    publicUrl: SHOP_URL,
    keyring: testKeyring,
    rateLimits,
    testWebhookSecret: TEST_WEBHOOK_SECRET,
    webhookUrl,
    metrics: options.metrics?.shop,
    ...options.config,
  });
}

const createCaller = createCallerFactory(appRouter);

export function callerAs(services: ServerServices, actor: Actor = { kind: 'anonymous' }) {
  return createCaller({
    requestId: 'test',
    actor,
    session: null,
    client: { ip: '203.0.113.9', userAgent: 'vitest' },
    cartToken: null,
    cookies: {
      setSession: () => {},
      clearSession: () => {},
      setDevice: () => {},
      setCart: () => {},
      clearCart: () => {},
    },
    services,
  });
}

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
    // The app's own logger settings (its redaction too), writing here.
    log: createLogger({ LOG_LEVEL: 'debug', LOG_PRETTY: false }, stream),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export const testSecurity: HttpSecurity = {
  allowedOrigins: new Set([SHOP_ORIGIN]),
  cookie: { secure: false },
  trustProxy: trustLoopback,
  hsts: false,
};

export interface RunningServer {
  url: string;
  lines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

/** Uploads in tests: small, so the size limit is cheap to test. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

export async function startServer(
  services: ServerServices,
  ping: () => Promise<boolean> = async () => true,
  security: HttpSecurity = testSecurity,
  observed: Pick<TestAppOptions, 'metrics' | 'metricsToken'> = {},
): Promise<RunningServer> {
  const { log, lines } = capturingLogger();
  const media = createMediaStore(mkdtempSync(join(tmpdir(), 'bazaar-uploads-')), UPLOAD_MAX_BYTES);
  const server = createApiServer({
    services,
    log,
    readiness: createReadiness({ database: ping }),
    security,
    media,
    metrics: observed.metrics,
    metricsToken: observed.metricsToken,
  });
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

export interface BrowserOptions {
  /** The client address the API should see (sent as X-Forwarded-For from loopback). */
  ip?: string;
  /** Cookies shared with another client (`sameBrowserOn`). */
  jar?: Map<string, string>;
}

let nextAddress = 0;
/** A documentation-range address no other browser of this run has (198.18.0.0/15). */
const freshAddress = () => {
  const n = ++nextAddress + (process.pid % 512) * 256;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
};

/**
 * A browser-like client: keeps its cookies between calls, sends the shop's Origin (as the
 * storefront does through its same-origin rewrite) and comes from an address of its own unless
 * `ip` is given.
 */
export function browserClient(server: Pick<RunningServer, 'url'>, options: BrowserOptions = {}) {
  const ip = options.ip ?? freshAddress();
  const jar = options.jar ?? new Map<string, string>();
  const setCookies: string[] = [];
  const fetchWithJar: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('origin', SHOP_ORIGIN);
    headers.set(
      'user-agent',
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    );
    headers.set('x-forwarded-for', ip);
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
    ip,
    jar,
    cookie: (name = 'bazaar_session') => jar.get(name),
    setCookie: (name: string, value: string) => jar.set(name, value),
    /** Every Set-Cookie header received, oldest first. */
    setCookies,
  };
}
export type BrowserClient = ReturnType<typeof browserClient>;

/** The same browser (address and cookies, shared from now on) calling another server. */
export const sameBrowserOn = (browser: BrowserClient, server: Pick<RunningServer, 'url'>) =>
  browserClient(server, { ip: browser.ip, jar: browser.jar });

/** The real argon2 hasher, recording the hash each verification was made against. */
export function countingPasswords(): { passwords: PasswordHasher; verified: (string | null)[] } {
  const verified: (string | null)[] = [];
  return {
    verified,
    passwords: {
      hash: argon2Passwords.hash,
      verify: (hash, password) => {
        verified.push(hash);
        return argon2Passwords.verify(hash, password);
      },
    },
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

/** The TRPCError an in-process call (`app().caller()`) fails with; throws if it succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw error;
  return error;
}

let emailCounter = 0;
/** An email address no other test (or earlier run against a cloned database) has used. */
export const uniqueEmail = (label: string, domain = 'example.com') =>
  `${label}-${++emailCounter}-${Date.now()}@${domain}`;
