import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { emailSchema, newPasswordSchema, personNameSchema } from '@bazaar/contracts/server';
import { createDb } from '@bazaar/db';
import { EnvError, loadEnv } from './env.ts';
import { pgliteDirFor } from './paths.ts';
import { ensureBuiltInRoles } from './services/admin/built-in-roles.ts';
import { createOwner } from './services/admin/owner.ts';

const USAGE = `Usage:
  pnpm --filter @bazaar/api cli create-owner --email <email> --name <name> [--password-stdin]

Creates a staff member with the Owner role in the database of DATABASE_URL (or the embedded one).
The password is asked for, or read from the first line of stdin with --password-stdin.
Outside demo mode the Owner must set up two-factor authentication at first sign-in.`;

async function readPassword(fromStdin: boolean): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: !fromStdin,
  });
  if (fromStdin) {
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  // Keep the typed password off the screen.
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write('Password: ');
  muted._writeToOutput = () => {};
  const answer = await new Promise<string>((done) => rl.question('', done));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function createOwnerCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const email = emailSchema.safeParse(values.email ?? '');
  const name = personNameSchema.safeParse(values.name ?? '');
  if (!email.success || !name.success)
    throw new UsageError('--email and --name are required and must be valid');
  const password = newPasswordSchema.safeParse(await readPassword(values['password-stdin']));
  if (!password.success) throw new UsageError(password.error.issues[0]?.message ?? 'bad password');

  const env = loadEnv();
  const db = await createDb({
    databaseUrl: env.DATABASE_URL,
    pgliteDir: pgliteDirFor(env),
  });
  try {
    await db.migrate();
    await ensureBuiltInRoles(db.db);
    const owner = await createOwner(db.db, {
      email: email.data,
      name: name.data,
      password: password.data,
    });
    console.log(`Owner ${email.data} created (id ${owner.id}). Sign in at ${env.PUBLIC_URL}/admin`);
  } finally {
    await db.close();
  }
}

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create-owner') await createOwnerCommand(rest);
  else throw new UsageError(command ? `Unknown command ${command}` : 'No command given');
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof EnvError || error instanceof Error) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
}
