import { z } from 'zod';

/** The only place that reads process.env. Every value is validated with a message naming it. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  /** The shop's public origin (the web app), printed at start. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Seed the demo catalog when the database is empty. */
  DEMO_MODE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Shared rate-limit counters across API instances; in-process counters when unset. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  /** Outgoing mail server, e.g. smtp://user:pass@smtp.example.com:587. Unset: development mailbox. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Bazaar <no-reply@bazaar.test>'),
  /** `Secure` + `__Host-` session cookie. `auto`: on when PUBLIC_URL is https. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Comma-separated peer IPs whose X-Forwarded-For is trusted (the web app's proxy). */
  TRUSTED_PROXIES: z
    .string()
    .default('127.0.0.1,::1,::ffff:127.0.0.1')
    .transform(
      (v) =>
        new Set(
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
    ),
});

export type Env = z.infer<typeof envSchema>;

export const cookieSecure = (env: Pick<Env, 'COOKIE_SECURE' | 'PUBLIC_URL'>) =>
  env.COOKIE_SECURE === 'auto' ? env.PUBLIC_URL.startsWith('https:') : env.COOKIE_SECURE === 'true';

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty string means "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
}
