import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../src/env.ts';
import { newSecretKey } from '../src/security/keyring.ts';
import { useTestApp } from './helpers.ts';

const app = useTestApp();

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://shop@db.internal/shop',
  SMTP_URL: 'smtp://mailer:secret@smtp.example.com:587',
  PUBLIC_URL: 'https://shop.example.com',
  SECRET_KEYS: newSecretKey(),
  PAYMENT_PROVIDER: 'stripe',
  STRIPE_SECRET_KEY: 'sk_live_51Dummy0000000000000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_dummy00000000000000000000',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_51Dummy0000000000000000',
};

function refusal(source: Record<string, string>): string {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error('expected loadEnv to refuse');
}

describe('production mode', () => {
  it('starts with PostgreSQL, SMTP, https, a secret key and Stripe; demo mode is off by default', () => {
    const env = loadEnv(production);
    expect(env.DEMO_MODE).toBe(false);
    expect(loadEnv({}).DEMO_MODE).toBe(true);
  });

  it.each([
    ['demo mode on', { DEMO_MODE: 'true' }, /DEMO_MODE: must be off/],
    ['no SMTP_URL', { SMTP_URL: '' }, /SMTP_URL: set an smtp:\/\/ URL/],
    ['no DATABASE_URL', { DATABASE_URL: '' }, /DATABASE_URL: set a postgres:\/\/ URL/],
    [
      'a plain-http public URL',
      { PUBLIC_URL: 'http://shop.example.com' },
      /PUBLIC_URL: must be https/,
    ],
    ['no SECRET_KEYS', { SECRET_KEYS: '' }, /SECRET_KEYS: set one key/],
    [
      'the test payment provider',
      { PAYMENT_PROVIDER: 'test' },
      /PAYMENT_PROVIDER: set to stripe.*\(the test provider takes no money\)/,
    ],
    ['the default payment provider', { PAYMENT_PROVIDER: '' }, /PAYMENT_PROVIDER: set to stripe/],
  ])('refuses %s, naming the setting', (_, patch, message) => {
    const text = refusal({ ...production, ...patch });
    expect(text).toMatch(/^Refusing to start in production/);
    expect(text).toMatch(message);
  });

  it('names every problem at once', () => {
    const text = refusal({ NODE_ENV: 'production' });
    for (const name of ['SMTP_URL', 'DATABASE_URL', 'SECRET_KEYS', 'PAYMENT_PROVIDER'])
      expect(text).toContain(name);
  });

  it('allows the embedded database only by explicit opt-in, and plain http only on loopback', () => {
    expect(() =>
      loadEnv({ ...production, DATABASE_URL: '', ALLOW_EMBEDDED_DATABASE: 'true' }),
    ).not.toThrow();
    expect(() => loadEnv({ ...production, PUBLIC_URL: 'http://localhost:3000' })).not.toThrow();
  });

  it('refuses a secret key that is too short, and proxies that are not addresses', () => {
    expect(refusal({ SECRET_KEYS: 'c2hvcnQ' })).toMatch(
      /SECRET_KEYS: each key .* at least 32 bytes/,
    );
    expect(refusal({ TRUSTED_PROXIES: 'loopback, not-an-ip' })).toMatch(/TRUSTED_PROXIES/);
    expect(() => loadEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7, loopback' })).not.toThrow();
  });
});

/** The API's entry point as operators run it, from source (the build is smoke-tested by CI). */
function runApi(
  env: Record<string, string>,
  { until, signal = 'SIGINT' }: { until?: RegExp; signal?: NodeJS.Signals } = {},
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    // node itself (not a pnpm or tsx wrapper) receives the signals.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      // Once: a second signal is the operator insisting, and ends the process at once.
      if (!signalled && until?.test(stdout)) signalled = child.kill(signal);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe.concurrent('the process', () => {
  it('refuses to start in production with one clear message and exit code 1', async () => {
    const { code, stdout, stderr } = await runApi({ NODE_ENV: 'production', DEMO_MODE: 'true' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Refusing to start in production \(NODE_ENV=production\)\. Set:\n/);
    expect(stderr).toMatch(/DEMO_MODE: must be off/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(stdout).toBe('');
  }, 30_000);

  it('names the port and the setting when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((ready) => blocker.listen(0, '127.0.0.1', ready));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, stderr } = await runApi({
        PORT: String(port),
        DATABASE_URL: app().testDb.url,
        DEMO_MODE: 'false',
        LOG_LEVEL: 'silent',
      });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `Bazaar API: port ${port} on 127.0.0.1 is already in use. Stop what uses it, or set PORT (and the web app's API_URL) to a free port.`,
      );
    } finally {
      blocker.close();
    }
  }, 30_000);
});

describe.concurrent('signals', () => {
  it('SIGTERM while starting up (before migrations) stops cleanly once start-up is done', async () => {
    const { code, stdout } = await runApi(
      { DATABASE_URL: app().testDb.url, PORT: '0', DEMO_MODE: 'false' },
      { until: /"msg":"starting"/, signal: 'SIGTERM' },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
    expect(stdout).not.toMatch(/api listening/);
  }, 30_000);

  it('SIGINT when running lets it finish and exit 0', async () => {
    const { code, stdout } = await runApi(
      { DATABASE_URL: app().testDb.url, PORT: '0', DEMO_MODE: 'false' },
      { until: /api listening/ },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/"msg":"shutting down"/);
  }, 30_000);
});
