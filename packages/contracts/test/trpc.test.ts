import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, invalidField, notFound, tooManyRequests } from '../src/app-error.ts';
import type { Actor } from '../src/context.ts';
import {
  createRouter,
  customerProcedure,
  publicProcedure,
  staffProcedure,
  userProcedure,
} from '../src/trpc.ts';
import { contextFor, failingServices } from './stubs.ts';

/**
 * The procedure builders' error handling and access checks, as a client sees them: through the
 * tRPC fetch adapter, so the error formatter runs exactly as it does over HTTP.
 */
const secret = new Error('connection to 10.0.0.7 refused');

const router = createRouter({
  appError: publicProcedure.query(() => {
    throw new AppError('CONFLICT', 'Slug taken', {
      fieldErrors: { slug: ['taken'] },
      retryAfterSeconds: 12,
      appCode: 'CHANGED_CONCURRENTLY',
    });
  }),
  plainAppError: publicProcedure.mutation(() => {
    throw notFound('Widget');
  }),
  limited: publicProcedure.mutation(() => {
    throw tooManyRequests(0.2);
  }),
  fieldError: publicProcedure.mutation(() => {
    throw invalidField('code', 'Wrong code');
  }),
  crash: publicProcedure.query(() => {
    throw secret;
  }),
  trpcError: publicProcedure.query(() => {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Not yet' });
  }),
  validated: publicProcedure
    .input(
      z.object({
        name: z.string().min(2, 'Too short'),
        items: z.array(z.object({ qty: z.number().int('Whole numbers') })),
      }),
    )
    .mutation(({ input }) => input.name),
  rootRefined: publicProcedure
    .input(z.object({ a: z.string() }).refine(() => false, 'Form-level problem'))
    .mutation(() => 'never'),
  badRequest: publicProcedure.query(() => {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Not like that' });
  }),
  // Issues on a cause do not make field errors unless the request itself was bad.
  conflictWithIssues: publicProcedure.query(() => {
    const cause = Object.assign(new Error('stale'), { issues: [{ path: ['a'], message: 'm' }] });
    throw new TRPCError({ code: 'CONFLICT', message: 'Edited meanwhile', cause });
  }),
  noAccess: publicProcedure.meta({ access: undefined } as never).query(() => 'reached'),
  user: userProcedure.query(() => 'user ok'),
  customer: customerProcedure.query(() => 'customer ok'),
  anyStaff: staffProcedure(null).query(() => 'staff ok'),
  staffManager: staffProcedure('staff:manage').query(() => 'manager ok'),
});

type ErrorShape = {
  message: string;
  code: number;
  data: {
    code: string;
    appCode: string;
    httpStatus: number;
    fieldErrors: Record<string, string[]> | null;
    retryAfterSeconds: number | null;
    stack?: string;
    path?: string;
  };
};

/** What the server saw (and would log) for each failed call. */
const serverErrors: TRPCError[] = [];

async function call(
  path: string,
  { actor = { kind: 'anonymous' } as Actor, input }: { actor?: Actor; input?: unknown } = {},
): Promise<{ status: number; error?: ErrorShape; data?: unknown }> {
  const isQuery = !['plainAppError', 'limited', 'fieldError', 'validated', 'rootRefined'].includes(
    path,
  );
  const body = JSON.stringify(superjson.serialize(input));
  const url = `http://test/trpc/${path}${isQuery ? `?input=${encodeURIComponent(body)}` : ''}`;
  const res = await fetchRequestHandler({
    endpoint: '/trpc',
    router,
    req: new Request(url, {
      method: isQuery ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: isQuery ? undefined : body,
    }),
    createContext: () => contextFor(actor, failingServices(new Error('unused'))),
    onError: ({ error }) => {
      serverErrors.push(error);
    },
  });
  const json = (await res.json()) as { error?: { json: ErrorShape }; result?: { data: unknown } };
  return {
    status: res.status,
    error: json.error?.json,
    data: json.result ? superjson.deserialize(json.result.data as never) : undefined,
  };
}

describe('error formatting', () => {
  it('an AppError keeps its code, message, field errors and wait', async () => {
    const { status, error } = await call('appError');
    expect(status).toBe(409);
    expect(error).toMatchObject({
      message: 'Slug taken',
      data: {
        code: 'CONFLICT',
        appCode: 'CHANGED_CONCURRENTLY',
        httpStatus: 409,
        fieldErrors: { slug: ['taken'] },
        retryAfterSeconds: 12,
      },
    });
  });

  it('an AppError without extras has null field errors and wait', async () => {
    const { status, error } = await call('plainAppError');
    expect(status).toBe(404);
    expect(error?.message).toBe('Widget not found');
    expect(error?.data).toMatchObject({
      code: 'NOT_FOUND',
      appCode: 'NOT_FOUND',
      fieldErrors: null,
      retryAfterSeconds: null,
    });
  });

  it('TOO_MANY_REQUESTS says when to come back, at least a second', async () => {
    const { status, error } = await call('limited');
    expect(status).toBe(429);
    expect(error?.message).toBe('Too many attempts. Try again later.');
    expect(error?.data.retryAfterSeconds).toBe(1);
    expect(error?.data.appCode).toBe('RATE_LIMITED');
  });

  it('a service-found field error is reported like a Zod one', async () => {
    const { status, error } = await call('fieldError');
    expect(status).toBe(400);
    expect(error?.message).toBe('Wrong code');
    expect(error?.data.fieldErrors).toEqual({ code: ['Wrong code'] });
    expect(error?.data.appCode).toBe('INVALID_INPUT');
  });

  it('Zod failures become BAD_REQUEST with every message keyed by dotted path', async () => {
    const { status, error } = await call('validated', {
      input: { name: 'x', items: [{ qty: 1 }, { qty: 1.5 }] },
    });
    expect(status).toBe(400);
    expect(error?.data.code).toBe('BAD_REQUEST');
    expect(error?.data.appCode).toBe('INVALID_INPUT');
    expect(error?.data.fieldErrors).toEqual({
      name: ['Too short'],
      'items.1.qty': ['Whole numbers'],
    });
    expect(error?.data.retryAfterSeconds).toBeNull();
  });

  it('several problems with one field are all kept, in order', async () => {
    const { error } = await call('validated', { input: { name: 5, items: 'none' } });
    expect(Object.keys(error?.data.fieldErrors ?? {}).sort()).toEqual(['items', 'name']);
    const twice = await call('validated', {
      input: { name: '', items: [{ qty: 0.5 }, { qty: 'x' }] },
    });
    expect(twice.error?.data.fieldErrors).toMatchObject({
      name: ['Too short'],
      'items.0.qty': ['Whole numbers'],
    });
    expect(twice.error?.data.fieldErrors?.['items.1.qty']).toHaveLength(1);
  });

  it('form-level problems are under the empty key', async () => {
    const { error } = await call('rootRefined', { input: { a: 'x' } });
    expect(error?.data.fieldErrors).toEqual({ '': ['Form-level problem'] });
  });

  it('anything unknown is a generic 500 without its message or stack', async () => {
    const { status, error } = await call('crash');
    expect(status).toBe(500);
    expect(error?.message).toBe('Internal server error');
    expect(error?.data).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      appCode: 'INTERNAL',
      fieldErrors: null,
      retryAfterSeconds: null,
    });
    expect(error?.data).not.toHaveProperty('stack');
    expect(JSON.stringify(error)).not.toContain('10.0.0.7');
  });

  it('other tRPC errors keep their code and message, with no field errors', async () => {
    const { status, error } = await call('trpcError');
    expect(status).toBe(412);
    expect(error?.message).toBe('Not yet');
    expect(error?.data).toMatchObject({ code: 'PRECONDITION_FAILED', fieldErrors: null });
    expect(error?.data).not.toHaveProperty('stack');
  });

  it('a BAD_REQUEST thrown by the procedure itself has no field errors', async () => {
    const { status, error } = await call('badRequest');
    expect(status).toBe(400);
    expect(error?.message).toBe('Not like that');
    expect(error?.data.fieldErrors).toBeNull();
  });

  it('issues carried by the cause of another error are not field errors', async () => {
    const { status, error } = await call('conflictWithIssues');
    expect(status).toBe(409);
    expect(error?.data.fieldErrors).toBeNull();
  });

  it('successful calls are untouched', async () => {
    expect(await call('validated', { input: { name: 'ok', items: [] } })).toMatchObject({
      status: 200,
      data: 'ok',
    });
  });
});

describe('access enforcement', () => {
  const customer: Actor = { kind: 'customer', userId: 'c', sessionId: 's' };
  const staff = (...permissions: ('staff:manage' | 'catalog:write')[]): Actor => ({
    kind: 'staff',
    userId: 'u',
    sessionId: 's',
    permissions: new Set(permissions),
  });

  it('a procedure declaring no access is refused for everyone, as a server bug', async () => {
    for (const actor of [{ kind: 'anonymous' } as Actor, customer, staff('staff:manage')]) {
      const { status, error } = await call('noAccess', { actor });
      expect(status).toBe(500);
      expect(error?.data.code).toBe('INTERNAL_SERVER_ERROR');
      // The log says why; the caller only learns that something failed.
      expect(serverErrors.at(-1)?.message).toBe('Procedure declares no access');
    }
  });

  it('anonymous callers must sign in for anything but public procedures', async () => {
    for (const path of ['user', 'customer', 'anyStaff', 'staffManager']) {
      const { status, error } = await call(path);
      expect(status, path).toBe(401);
      expect(error?.message, path).toBe('Sign in required');
      expect(error?.data.appCode, path).toBe('SIGN_IN_REQUIRED');
    }
  });

  it('customers reach user and customer procedures, not staff ones', async () => {
    expect((await call('user', { actor: customer })).data).toBe('user ok');
    expect((await call('customer', { actor: customer })).data).toBe('customer ok');
    for (const path of ['anyStaff', 'staffManager']) {
      const { status, error } = await call(path, { actor: customer });
      expect(status, path).toBe(403);
      expect(error?.message, path).toBe('Staff only');
    }
  });

  it('staff reach user procedures and their own, not customer ones', async () => {
    expect((await call('user', { actor: staff() })).data).toBe('user ok');
    expect((await call('anyStaff', { actor: staff() })).data).toBe('staff ok');
    const refused = await call('customer', { actor: staff('staff:manage') });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toBe('Customers only');
  });

  it('a staff procedure with a permission needs exactly that permission', async () => {
    const without = await call('staffManager', { actor: staff('catalog:write') });
    expect(without.status).toBe(403);
    expect(without.error?.message).toBe('Requires permission staff:manage');
    expect(without.error?.data.appCode).toBe('PERMISSION_DENIED');
    expect((await call('staffManager', { actor: staff('staff:manage') })).data).toBe('manager ok');
  });
});
