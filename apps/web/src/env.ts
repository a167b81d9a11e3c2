import { z } from 'zod';

/**
 * The only module that reads `process.env` in the web app. Imported by `next.config.ts`
 * (rewrites, evaluated at build time) and by server-only code (tRPC calls, at request time).
 * Never import it from a client component.
 */
const envSchema = z.object({
  /** Origin of the Bazaar API (`apps/api`), reachable from the Next.js server. */
  API_URL: z
    .url({ protocol: /^https?$/, error: 'API_URL must be an http(s) URL' })
    .default('http://127.0.0.1:4000')
    .transform((url) => url.replace(/\/+$/, '')),
});

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
