import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { roles, users } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import { describe, it } from 'vitest';
import { argon2Passwords } from '../src/security/passwords.ts';
import { useTestApp } from './helpers.ts';

/** The admin CLI as operators run it: a child process against the test database. */
const app = useTestApp();
const db = () => app().db;
const apiDir = resolve(import.meta.dirname, '..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn('pnpm', ['exec', 'tsx', 'src/cli.ts', ...args], {
      cwd: apiDir,
      env: { ...process.env, DATABASE_URL: app().testDb.url, PUBLIC_URL: 'http://shop.test' },
      stdio: ['pipe', 'pipe', 'pipe'],
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
    child.stdin.end(stdin);
  });
}

const userByEmail = async (email: string) =>
  (
    await db()
      .select({ user: users, roleName: roles.name })
      .from(users)
      .leftJoin(roles, eq(roles.id, users.roleId))
      .where(eq(users.email, email))
  )[0];

// Each case starts its own process (~2 s of CPU to start), so they run side by side; the timeout
// allows for a busy machine running other test files at the same time.
describe.concurrent('create-owner', { timeout: 60_000 }, () => {
  it('creates a verified Owner with an argon2id hash of the password read from stdin', async ({
    expect,
  }) => {
    const password = 'Quiet-Harbor-Lantern-58';
    const result = await runCli(
      [
        'create-owner',
        '--email',
        ' CLI.Owner@Staff.TEST ',
        '--name',
        'Cleo Cli',
        '--password-stdin',
      ],
      `${password}\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Owner cli\.owner@staff\.test created \(id [0-9a-f-]{36}\)\. Sign in at http:\/\/shop\.test\/admin$/m,
    );
    expect(result.stdout).not.toContain(password);

    const row = await userByEmail('cli.owner@staff.test');
    expect(row?.roleName).toBe('Owner');
    expect(row?.user).toMatchObject({
      kind: 'staff',
      name: 'Cleo Cli',
      emailVerifiedAt: expect.any(Date),
      deactivatedAt: null,
      totpKey: null,
    });
    expect(result.stdout).toContain(`(id ${row?.user.id})`);
    const hash = row?.user.passwordHash as string;
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2Passwords.verify(hash, password)).toBe(true);
  });

  it('refuses a guessable password, creating nothing', async ({ expect }) => {
    const result = await runCli(
      ['create-owner', '--email', 'weak@staff.test', '--name', 'Wendy Weak', '--password-stdin'],
      'password123\n',
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/too easy to guess/);
    expect(await userByEmail('weak@staff.test')).toBeUndefined();
  });

  it('without --email it prints the usage and fails', async ({ expect }) => {
    const result = await runCli(
      ['create-owner', '--name', 'Nora Noemail', '--password-stdin'],
      'Quiet-Harbor-Lantern-58\n',
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--email and --name are required/);
    expect(result.stderr).toMatch(/Usage:\n\s+pnpm --filter @bazaar\/api cli create-owner --email/);
    expect(result.stdout).toBe('');
  });

  it('refuses an email that already has an account', async ({ expect }) => {
    await db().insert(users).values({ kind: 'customer', email: 'taken@staff.test', name: 'Tim' });
    const result = await runCli(
      ['create-owner', '--email', 'taken@staff.test', '--name', 'Tom Taken', '--password-stdin'],
      'Quiet-Harbor-Lantern-58\n',
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/already exists/);
    expect((await userByEmail('taken@staff.test'))?.user.kind).toBe('customer');
  });
});
