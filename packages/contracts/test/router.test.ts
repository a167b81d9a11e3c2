import { describe, expect, it } from 'vitest';
import type { Access } from '../src/access.ts';
import type { Context, Services } from '../src/context.ts';
import { AppError } from '../src/errors.ts';
import { appRouter } from '../src/root.ts';
import { createCallerFactory } from '../src/trpc.ts';

type AnyProcedure = { _def: { meta?: { access?: Access }; type: string } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** Procedures anyone may call, listed explicitly so a new public one is a deliberate choice. */
const PUBLIC = ['catalog.categories', 'catalog.products.bySlug', 'catalog.products.list'];

describe('router contract', () => {
  it('every procedure declares who may call it', () => {
    const undeclared = Object.entries(procedures)
      .filter(([, p]) => !p._def.meta?.access)
      .map(([name]) => name);
    expect(undeclared).toEqual([]);
  });

  it('the public procedures are exactly the listed ones', () => {
    const publicOnes = Object.entries(procedures)
      .filter(([, p]) => p._def.meta?.access?.kind === 'public')
      .map(([name]) => name)
      .sort();
    expect(publicOnes).toEqual(PUBLIC);
  });
});

describe('error mapping', () => {
  const failing = (error: unknown): Services => ({
    catalog: {
      listCategories: () => Promise.reject(error),
      listProducts: () => Promise.reject(error),
      productBySlug: () => Promise.reject(error),
    },
  });
  const caller = (services: Services) => {
    const ctx: Context = { requestId: 't', actor: { kind: 'anonymous' }, services };
    return createCallerFactory(appRouter)(ctx);
  };

  it('turns an AppError into the tRPC error of the same code, keeping field errors', async () => {
    const error = new AppError('CONFLICT', 'Slug taken', { slug: ['taken'] });
    await expect(caller(failing(error)).catalog.categories()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Slug taken',
    });
  });

  it('turns anything else into INTERNAL_SERVER_ERROR', async () => {
    await expect(caller(failing(new Error('boom'))).catalog.categories()).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });

  it('rejects output that breaks the declared schema', async () => {
    const services = failing(new Error('unused'));
    services.catalog.listCategories = async () => [{ id: 'not-a-uuid' }] as never;
    await expect(caller(services).catalog.categories()).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});
