import { z } from 'zod';
import { type TrustProxy, trustProxies } from './security/client-ip.ts';
import { parseSecretKeys } from './security/keyring.ts';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The only place that reads process.env. Every value is validated with a message naming it. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  /** Where the embedded database, the development secret key and uploads live. */
  DATA_DIR: z.string().min(1).optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  /** Uploaded catalog images; default `uploads/` in the data folder. */
  UPLOAD_DIR: z.string().min(1).optional(),
  /** Largest image upload accepted, in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(10),
  /** Minutes an unpaid order holds its stock before it is cancelled. */
  ORDER_RESERVATION_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Production runs on PostgreSQL; the embedded database only with this explicit opt-in. */
  ALLOW_EMBEDDED_DATABASE: flag.default(false),
  /** The shop's public origin (the web app): the only origin allowed to mutate; links in emails. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('http://localhost:3000'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Seed the demo catalog and Owner; default on, except in production. */
  DEMO_MODE: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: flag.default(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * API processes sharing PORT (node:cluster). Above 1 they must share state: PostgreSQL
   * (DATABASE_URL) and Redis (REDIS_URL).
   */
  API_INSTANCES: z.coerce.number().int().min(1).max(64).default(1),
  /** Rate-limit counters and the catalog cache shared by API instances; in-process when unset. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  /** The catalog read cache (Redis or in-process); `false` reads every time (benchmarks, debugging). */
  CATALOG_CACHE: flag.default(true),
  /** Starts every key the API writes to Redis, so several shops can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'letters, digits, _ . - only (at most 64)')
    .default('bazaar'),
  /**
   * The bearer token Prometheus sends to read `/metrics` (`openssl rand -base64 32`); unset,
   * `/metrics` answers 404.
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\w+/=.~-]{24,256}$/, 'at least 24 characters: letters, digits, + / = . ~ _ -')
    .optional(),
  /** Outgoing mail server, e.g. smtp://user:pass@smtp.example.com:587. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Bazaar <no-reply@bazaar.test>'),
  /** `Secure` + `__Host-` cookies. `auto`: on when PUBLIC_URL is https. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Hops whose X-Forwarded-For is believed: addresses, CIDR ranges, loopback/linklocal/uniquelocal. */
  TRUSTED_PROXIES: z
    .string()
    .default('loopback')
    .transform((v, ctx): TrustProxy => {
      const entries = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      try {
        return trustProxies(entries);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `${(error as Error).message}; use addresses, CIDR ranges or loopback/linklocal/uniquelocal`,
        });
        return z.NEVER;
      }
    }),
  /**
   * Comma-separated base64url keys of 32+ bytes, newest first: the newest seals TOTP secrets and
   * signs device cookies; older ones still open what they made (rotation).
   */
  SECRET_KEYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      try {
        return parseSecretKeys(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Who takes the money: `stripe`, or `test` (development and tests: takes none). */
  PAYMENT_PROVIDER: z.enum(['test', 'stripe']).default('test'),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(
      /^(sk|rk)_(test|live)_\S+$/,
      'must be a secret key (sk_live_…, sk_test_…) or a restricted key (rk_…)',
    )
    .optional(),
  /** The webhook endpoint's signing secret. */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\S+$/, "must be the webhook endpoint's signing secret (whsec_…)")
    .optional(),
  /** Given to the browser for Stripe.js. */
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\S+$/, 'must be a publishable key (pk_live_… or pk_test_…)')
    .optional(),
  /** `manual`: payments are authorized at checkout and captured later. */
  STRIPE_CAPTURE: z.enum(['automatic', 'manual']).default('automatic'),
  /** Where the SDK calls Stripe's API: Stripe's own unless set (e.g. stripe-mock for tests). */
  STRIPE_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:12111' })
    .optional(),
});

const STRIPE_KEYS = {
  STRIPE_SECRET_KEY: 'the secret key (sk_…) from the Stripe dashboard',
  STRIPE_WEBHOOK_SECRET: "the webhook endpoint's signing secret (whsec_…)",
  STRIPE_PUBLISHABLE_KEY: 'the publishable key (pk_…) from the Stripe dashboard',
} as const;

/** Several instances share what one process could keep to itself: the database and Redis. */
function sharedStateIssues(env: z.infer<typeof envSchema>, ctx: z.RefinementCtx) {
  if (!(env.API_INSTANCES > 1)) return;
  const missing = [
    ...(env.DATABASE_URL ? [] : ['DATABASE_URL (the embedded database opens in one process only)']),
    ...(env.REDIS_URL ? [] : ['REDIS_URL (rate limits and the catalog cache shared by all)']),
  ];
  if (missing.length)
    ctx.addIssue({
      code: 'custom',
      path: ['API_INSTANCES'],
      message: `${env.API_INSTANCES} instances need ${missing.join(' and ')}; set them, or API_INSTANCES=1`,
    });
}

/**
 * With PAYMENT_PROVIDER=stripe: the three keys, from one mode (test or live). With several
 * instances: the state they share.
 */
const settingsSchema = envSchema.superRefine(
  (env, ctx) => {
    sharedStateIssues(env, ctx);
    if (env.PAYMENT_PROVIDER !== 'stripe') return;
    for (const name of Object.keys(STRIPE_KEYS) as (keyof typeof STRIPE_KEYS)[])
      if (env[name] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `required with PAYMENT_PROVIDER=stripe: ${STRIPE_KEYS[name]}`,
        });
    const mode = (key: string | undefined) => key && /^[a-z]+_(test|live)_/.exec(key)?.[1];
    const secret = mode(env.STRIPE_SECRET_KEY);
    const publishable = mode(env.STRIPE_PUBLISHABLE_KEY);
    if (secret && publishable && secret !== publishable)
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_PUBLISHABLE_KEY'],
        message: `is a ${publishable} key but STRIPE_SECRET_KEY is a ${secret} key; use the pair from one mode`,
      });
  },
  // Also when other settings are wrong (it reads only its own), so every problem is named at once.
  { when: () => true },
);

type ParsedEnv = z.infer<typeof envSchema>;
export type Env = Omit<ParsedEnv, 'DEMO_MODE'> & { DEMO_MODE: boolean };

export const cookieSecure = (env: Pick<Env, 'COOKIE_SECURE' | 'PUBLIC_URL'>) =>
  env.COOKIE_SECURE === 'auto' ? env.PUBLIC_URL.startsWith('https:') : env.COOKIE_SECURE === 'true';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopbackUrl = (url: string) => {
  const { hostname } = new URL(url);
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
};

/** What production refuses, each naming the setting that fixes it. */
function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.DEMO_MODE)
    problems.push('DEMO_MODE: must be off (it seeds an Owner with a published password)');
  if (!env.SMTP_URL)
    problems.push('SMTP_URL: set an smtp:// URL (there is no development mailbox in production)');
  if (!env.DATABASE_URL && !env.ALLOW_EMBEDDED_DATABASE)
    problems.push(
      'DATABASE_URL: set a postgres:// URL (or ALLOW_EMBEDDED_DATABASE=true to run on the embedded one)',
    );
  if (env.PUBLIC_URL.startsWith('http:') && !isLoopbackUrl(env.PUBLIC_URL))
    problems.push('PUBLIC_URL: must be https:// (sessions and passwords would travel in clear)');
  if (!env.SECRET_KEYS)
    problems.push('SECRET_KEYS: set one key made with `openssl rand -base64 32`');
  if (env.PAYMENT_PROVIDER === 'test')
    problems.push(
      'PAYMENT_PROVIDER: set to stripe, with STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PUBLISHABLE_KEY (the test provider takes no money)',
    );
  return problems;
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty string means "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = settingsSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const production = parsed.data.NODE_ENV === 'production';
  const env: Env = { ...parsed.data, DEMO_MODE: parsed.data.DEMO_MODE ?? !production };
  const problems = production ? productionProblems(env) : [];
  if (problems.length > 0)
    throw new EnvError(
      `Refusing to start in production (NODE_ENV=production). Set:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return env;
}
