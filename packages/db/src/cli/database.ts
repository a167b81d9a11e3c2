/**
 * The database a `pnpm db:*` command works on, chosen as the API chooses it: `DATABASE_URL` when
 * set, otherwise the embedded PGlite database in `PGLITE_DIR` (default `<repo>/.data/pglite`).
 */
import { resolve } from 'node:path';
import { z } from 'zod';

export const defaultPgliteDir = resolve(import.meta.dirname, '../../../../.data/pglite');

// An empty value means "unset", as in most .env files and as the API reads it.
const unsetWhenBlank = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const Env = z.object({
  DATABASE_URL: z.preprocess(
    unsetWhenBlank,
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PGLITE_DIR: z.preprocess(unsetWhenBlank, z.string().optional()),
});

export interface CliDatabase {
  databaseUrl: string | undefined;
  pgliteDir: string;
  /** Which database, for messages; never shows a password. */
  label: string;
}

export function cliDatabase(env: NodeJS.ProcessEnv = process.env): CliDatabase {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const { DATABASE_URL: databaseUrl, PGLITE_DIR } = parsed.data;
  const pgliteDir = PGLITE_DIR ? resolve(PGLITE_DIR) : defaultPgliteDir;
  return {
    databaseUrl,
    pgliteDir,
    label: databaseUrl ? `PostgreSQL ${serverAndName(databaseUrl)}` : `PGlite at ${pgliteDir}`,
  };
}

function serverAndName(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return `${host}${pathname}`;
  } catch {
    return '(DATABASE_URL)';
  }
}
