import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrationsFolder } from '../src/client.ts';
import { users } from '../src/schema/index.ts';
import { databaseUrl, dropDatabase, testServerUrl } from '../src/testing.ts';

/** `pnpm db:migrate` as operators run it: a child process against a database of its own. */
const dbDir = resolve(import.meta.dirname, '..');
const name = `bazaar_migratecli_${randomBytes(4).toString('hex')}`;
const url = databaseUrl(name);
const tags = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  }
).entries.map((entry) => entry.tag);

function runMigrate(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn('pnpm', ['exec', 'tsx', 'src/cli/migrate.ts'], {
      cwd: dbDir,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
});
afterAll(() => dropDatabase(name));

describe('db:migrate', () => {
  it('applies every migration once, says which, and applies nothing the second time', async () => {
    const first = await runMigrate({ DATABASE_URL: url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(first.stdout).toContain(`applied ${tags.length} migration(s) to PostgreSQL`);
    expect(first.stdout).toContain(tags.join(', '));

    const handle = await createDb({ databaseUrl: url, maxConnections: 1 });
    try {
      expect(await handle.db.$count(users)).toBe(0);
    } finally {
      await handle.close();
    }

    const second = await runMigrate({ DATABASE_URL: url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`is up to date (${tags.length} migrations), nothing applied`);
  });

  it('fails with the reason and without the password when the database is missing', async () => {
    const missing = new URL(databaseUrl(`${name}_missing`));
    missing.password = 'not-for-logs';
    const result = await runMigrate({ DATABASE_URL: missing.toString() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `db:migrate failed on PostgreSQL ${missing.host}/${name}_missing`,
    );
    expect(result.stderr).toContain(`database "${name}_missing" does not exist`);
    expect(result.stderr + result.stdout).not.toContain('not-for-logs');
  });

  it('refuses a DATABASE_URL that is not a postgres:// URL', async () => {
    const result = await runMigrate({ DATABASE_URL: 'mysql://localhost/shop' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('must be a postgres:// or postgresql:// URL');
  });
});
