/**
 * `pnpm db:migrate`
 *
 * Applies the pending migrations of `packages/db/migrations` and prints one line saying which.
 * Running it again applies nothing. The API migrates on start as well; this command is for
 * deployments that migrate as a separate step.
 *
 * Uses `DATABASE_URL` when set, otherwise the embedded PGlite database in `PGLITE_DIR`
 * (default `<repo>/.data/pglite`), as the API does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq, max } from 'drizzle-orm';
import { bigint, pgSchema, text } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { createDb, type Database, migrationsFolder } from '../client.ts';
import { type CliDatabase, cliDatabase } from './database.ts';

// drizzle-orm's migrator records each applied migration here, by its journal timestamp.
const appliedMigrations = pgSchema('drizzle').table('__drizzle_migrations', {
  createdAt: bigint('created_at', { mode: 'number' }),
});
const informationSchemaTables = pgSchema('information_schema').table('tables', {
  tableSchema: text('table_schema'),
  tableName: text('table_name'),
});

const Journal = z.object({
  entries: z.array(z.object({ tag: z.string(), when: z.number() })),
});

function usage(message?: string): never {
  if (message) console.error(`db:migrate: ${message}`);
  console.error('Usage: pnpm db:migrate   (DATABASE_URL, or the embedded PGlite database)');
  process.exit(2);
}

function parseCli(): CliDatabase {
  try {
    const { values } = parseArgs({
      options: { help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
    });
    if (values.help) usage();
    return cliDatabase();
  } catch (error) {
    usage((error as Error).message);
  }
}

/** When the newest applied migration was written (its journal `when`), or null on a fresh database. */
async function lastAppliedAt(db: Database): Promise<number | null> {
  const tracked = await db.$count(
    informationSchemaTables,
    and(
      eq(informationSchemaTables.tableSchema, 'drizzle'),
      eq(informationSchemaTables.tableName, '__drizzle_migrations'),
    ),
  );
  if (!tracked) return null;
  const [row] = await db.select({ last: max(appliedMigrations.createdAt) }).from(appliedMigrations);
  return row?.last ?? null;
}

/** The root cause's message: Drizzle wraps driver errors in "Failed query: <sql>" ones. */
function reasonOf(error: unknown): string {
  let root = error;
  while (root instanceof Error && root.cause !== undefined) root = root.cause;
  if (root instanceof AggregateError) return root.errors.map(String).join('; ');
  return root instanceof Error ? root.message : String(root);
}

async function main() {
  const target = parseCli();
  const started = performance.now();
  const journal = Journal.parse(
    JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')),
  );
  let handle: Awaited<ReturnType<typeof createDb>> | undefined;
  try {
    handle = await createDb({
      databaseUrl: target.databaseUrl,
      pgliteDir: target.pgliteDir,
      maxConnections: 1,
    });
    const before = await lastAppliedAt(handle.db);
    await handle.migrate();
    const applied = journal.entries.filter((m) => before === null || m.when > before);
    const ms = Math.round(performance.now() - started);
    console.log(
      applied.length
        ? `db:migrate: applied ${applied.length} migration(s) to ${target.label} in ${ms} ms: ` +
            applied.map((m) => m.tag).join(', ')
        : `db:migrate: ${target.label} is up to date (${journal.entries.length} migrations), nothing applied`,
    );
  } catch (error) {
    console.error(`db:migrate failed on ${target.label}: ${reasonOf(error)}`);
    process.exitCode = 1;
  } finally {
    await handle?.close();
  }
}

await main();
