import { describe, expect, it } from 'vitest';
import type { Access } from '../src/access.ts';
import { AppError } from '../src/app-error.ts';
import type { Services } from '../src/context.ts';
import { appRouter } from '../src/root.ts';
import { callerFor, failingServices } from './stubs.ts';

type AnyProcedure = { _def: { meta?: { access?: Access }; type: string } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** Procedures anyone may call, listed explicitly so a new public one is a deliberate choice. */
const PUBLIC = [
  'auth.acceptInvite',
  'auth.completeSecondFactor',
  'auth.requestPasswordReset',
  'auth.resetPassword',
  'auth.session',
  'auth.signIn',
  'auth.signOut',
  'auth.signUp',
  'auth.verifyEmail',
  // Guests have carts; each call reaches only the caller's own (cookie or account).
  'cart.add',
  'cart.dismissNotices',
  'cart.get',
  'cart.remove',
  'cart.setQuantity',
  'catalog.categories',
  'catalog.currencies',
  'catalog.products.bySlug',
  'catalog.products.facets',
  'catalog.products.list',
  'catalog.products.suggest',
  // Paying for a placed order: the payment's client secret is the payer's proof.
  'checkout.confirmTestPayment',
  'checkout.paymentOptions',
  'checkout.paymentResult',
  'checkout.placeOrder',
  'checkout.quote',
  // A guest's order needs both its number and its email (misses are rate-limited).
  'orders.lookup',
];

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
  const failing = (error: unknown): Services => failingServices(error);
  const caller = (services: Services) => callerFor({ kind: 'anonymous' }, services);

  it('turns an AppError into the tRPC error of the same code, keeping field errors', async () => {
    const error = new AppError('CONFLICT', 'Slug taken', { fieldErrors: { slug: ['taken'] } });
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
    const services = failingServices(new Error('unused'));
    const catalog = { ...services.catalog, listCategories: async () => [{ id: 'not-a-uuid' }] };
    await expect(
      caller({ ...services, catalog } as never).catalog.categories(),
    ).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});
