import { type Access, appRouter, type Permission } from '@bazaar/contracts/server';
import { roles, users } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Passwords } from '../src/security/passwords.ts';
import { PASSWORD, SHOP_ORIGIN, useTestApp } from './helpers.ts';

/**
 * The whole router over real HTTP with real sessions: every non-public procedure refuses an
 * anonymous caller with 401 and a caller lacking its access with 403, before reading its input.
 */
const app = useTestApp({ config: { demoMode: true } });

type AnyProcedure = { _def: { meta?: { access?: Access }; type: 'query' | 'mutation' } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
).map(([path, p]) => ({ path, type: p._def.type, access: p._def.meta?.access as Access }));

const cookies: Record<string, string> = {};

async function staffWithRole(roleName: string) {
  const db = app().db;
  const [role] = await db.select().from(roles).where(eq(roles.name, roleName));
  const email = `${roleName.replace(/\W/g, '').toLowerCase()}@staff.test`;
  await db.insert(users).values({
    kind: 'staff',
    email,
    name: roleName,
    roleId: role?.id,
    passwordHash: await argon2Passwords.hash(PASSWORD),
  });
  const browser = app().browser();
  await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
  return `bazaar_session=${browser.cookie()}`;
}

beforeAll(async () => {
  const customer = app().browser();
  await customer.client.auth.signUp.mutate({ name: 'C', email: 'c@shop.test', password: PASSWORD });
  cookies.customer = `bazaar_session=${customer.cookie()}`;
  cookies.catalogEditor = await staffWithRole('Catalog editor');
  cookies.owner = await staffWithRole('Owner');
});

async function call(path: string, type: 'query' | 'mutation', cookie?: string) {
  const headers: Record<string, string> = { origin: SHOP_ORIGIN };
  if (cookie) headers.cookie = cookie;
  if (type === 'query') return (await fetch(`${app().url}/trpc/${path}`, { headers })).status;
  headers['content-type'] = 'application/json';
  // Deliberately invalid input: access must be decided before input is even parsed.
  return (
    await fetch(`${app().url}/trpc/${path}`, {
      method: 'POST',
      headers,
      body: '{"json":{"bogus":1}}',
    })
  ).status;
}

const catalogEditorHas = new Set<Permission>(['catalog:write']);

describe.each(procedures.filter((p) => p.access.kind !== 'public'))(
  '$path',
  ({ path, type, access }) => {
    it('anonymous → 401', async () => {
      expect(await call(path, type)).toBe(401);
    });

    if (access.kind === 'staff') {
      it('customer → 403', async () => {
        expect(await call(path, type, cookies.customer)).toBe(403);
      });
      if (access.permission && !catalogEditorHas.has(access.permission)) {
        it(`staff without ${access.permission} → 403`, async () => {
          expect(await call(path, type, cookies.catalogEditor)).toBe(403);
        });
      }
      it('owner gets past access control', async () => {
        expect([401, 403]).not.toContain(await call(path, type, cookies.owner));
      });
    }

    if (access.kind === 'customer') {
      it('staff → 403, customer gets past access control', async () => {
        expect(await call(path, type, cookies.owner)).toBe(403);
        expect([401, 403]).not.toContain(await call(path, type, cookies.customer));
      });
    }
  },
);
