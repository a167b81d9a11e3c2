import proxyAddr from 'proxy-addr';
import { z } from 'zod';

/**
 * The only module that reads `process.env` in the web app. Imported by `next.config.ts`
 * (rewrites, evaluated at build time), by the web server (`server.ts`), by `src/proxy.ts` and by
 * server-only code (tRPC calls, at request time). Never import it from a client component.
 */
const envSchema = z
  .object({
    /** The API's port, when it runs on this machine: the default of `API_URL` follows it. */
    PORT: z.coerce.number().int().min(1).max(65535).default(4000),
    /** Origin of the Bazaar API (`apps/api`), reachable from the Next.js server. */
    API_URL: z
      .url({ protocol: /^https?$/, error: 'API_URL must be an http(s) URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** The shop's public origin, as the API knows it too; HTTPS turns on HSTS. */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL' })
      .default('http://localhost:3000'),
    /** Where the web server listens. */
    WEB_HOST: z.string().min(1).default('127.0.0.1'),
    WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /**
     * Reverse proxies in front of the web app (addresses, CIDR ranges or `loopback`), comma
     * separated. Only they may tell the client's address in `X-Forwarded-For`. Default: none.
     */
    WEB_TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const list = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        try {
          proxyAddr.compile(list);
        } catch (err) {
          ctx.addIssue({
            code: 'custom',
            message: `must be IP addresses or CIDR ranges (${(err as Error).message})`,
          });
          return z.NEVER;
        }
        return list;
      }),
    /** `warn` or quieter: the web server does not announce itself (the start script does). */
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** Memory for the page cache of public pages (server.ts); 0 turns it off. */
    PAGE_CACHE_MB: z.coerce.number().min(0).default(64),
    /** A cached page younger than this is served as it is. */
    PAGE_CACHE_FRESH_MS: z.coerce.number().int().min(0).default(2000),
    /** After that, for this long it is still served while a new one is rendered. */
    PAGE_CACHE_STALE_MS: z.coerce.number().int().min(0).default(2000),
    /** How long in-flight requests may finish after SIGTERM/SIGINT. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  })
  .transform(({ API_URL, ...rest }) => ({
    ...rest,
    API_URL: API_URL ?? `http://127.0.0.1:${rest.PORT}`,
  }));

export type Env = z.infer<typeof envSchema>;

function loadEnv(source: NodeJS.ProcessEnv): Env {
  // An empty string means "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid environment configuration for @bazaar/web:\n${lines.join('\n')}`);
}

export const env = loadEnv(process.env);

/** The shop is served over HTTPS: browsers may be told to never use plain HTTP for it. */
export const isHttps = env.PUBLIC_URL.startsWith('https:');
