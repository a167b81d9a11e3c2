import { AppError } from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeStock } from '../src/services/inventory/stock.ts';
import { insertProduct } from './catalog-fixtures.ts';
import { staffMember } from './fixtures.ts';
import { useTestApp } from './helpers.ts';

const { inventoryLevels, stockMovements } = schema;
const app = useTestApp();

let counter = 0;
/** A fresh single-variant product with `stock` on hand; returns the variant id. */
async function variantWith(stock: number): Promise<string> {
  const sku = `STOCK-${++counter}`;
  const product = await insertProduct(app().db, {
    slug: `stock-${counter}`,
    variants: [{ sku, prices: { EUR: 100 }, stock }],
  });
  return product.variantIds[sku] as string;
}

async function level(variantId: string) {
  const [row] = await app()
    .db.select({ onHand: inventoryLevels.onHand, reserved: inventoryLevels.reserved })
    .from(inventoryLevels)
    .where(eq(inventoryLevels.variantId, variantId));
  return row;
}

async function movements(variantId: string) {
  return app()
    .db.select()
    .from(stockMovements)
    .where(eq(stockMovements.variantId, variantId))
    .orderBy(asc(stockMovements.createdAt), asc(stockMovements.onHandAfter));
}

describe('changeStock: the one way stock changes', () => {
  it('records who changed what, why and by how much', async () => {
    const db = app().db;
    const id = await variantWith(0);
    const staff = await staffMember(db, 'Owner');
    await changeStock(db, {
      variantId: id,
      change: { kind: 'adjust', delta: 12, reason: 'received' },
      actorId: staff.id,
      note: 'Delivery 4411',
    });
    await changeStock(db, { variantId: id, change: { kind: 'set', onHand: 10, reason: 'count' } });
    await changeStock(db, {
      variantId: id,
      change: { kind: 'reserve', quantity: 3 },
      reference: 'order-1',
    });
    await changeStock(db, { variantId: id, change: { kind: 'sell', quantity: 2 } });
    const after = await changeStock(db, {
      variantId: id,
      change: { kind: 'release', quantity: 1 },
    });
    expect(after).toEqual({ variantId: id, onHand: 8, reserved: 0 });
    expect(await level(id)).toEqual({ onHand: 8, reserved: 0 });

    const log = await movements(id);
    expect(
      log.map((m) => [m.reason, m.onHandDelta, m.reservedDelta, m.onHandAfter, m.reservedAfter]),
    ).toEqual([
      ['received', 12, 0, 12, 0],
      ['count', -2, 0, 10, 0],
      ['reserved', 0, 3, 10, 3],
      ['sold', -2, -2, 8, 1],
      ['released', 0, -1, 8, 0],
    ]);
    expect(log[0]).toMatchObject({ actorId: staff.id, note: 'Delivery 4411' });
    expect(log[2]).toMatchObject({ actorId: null, reference: 'order-1' });
  });

  it('refuses with CONFLICT naming the SKU, and changes nothing', async () => {
    const db = app().db;
    const id = await variantWith(2);
    await changeStock(db, { variantId: id, change: { kind: 'reserve', quantity: 1 } });
    const attempts = [
      [{ kind: 'reserve', quantity: 2 }, 'has fewer than 2 available'],
      [{ kind: 'release', quantity: 2 }, 'has fewer than 2 reserved'],
      [{ kind: 'sell', quantity: 2 }, 'has fewer than 2 reserved'],
      [{ kind: 'adjust', delta: -2, reason: 'adjustment' }, 'cannot go below the units reserved'],
      [{ kind: 'set', onHand: 0, reason: 'count' }, 'cannot go below the units reserved'],
    ] as const;
    for (const [change, message] of attempts) {
      const error = await changeStock(db, { variantId: id, change }).catch((e: unknown) => e);
      expect(error, change.kind).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CONFLICT');
      expect((error as AppError).message).toMatch(new RegExp(`^STOCK-\\d+ ${message}`));
    }
    expect(await level(id)).toEqual({ onHand: 2, reserved: 1 });
    expect(await movements(id)).toHaveLength(1);
  });

  it('refuses nonsense amounts before touching the database', async () => {
    const db = app().db;
    const id = await variantWith(5);
    for (const change of [
      { kind: 'adjust', delta: 0, reason: 'adjustment' },
      { kind: 'adjust', delta: 1.5, reason: 'adjustment' },
      { kind: 'set', onHand: -1, reason: 'count' },
      { kind: 'reserve', quantity: 0 },
      { kind: 'sell', quantity: -1 },
      { kind: 'release', quantity: Number.NaN },
    ] as const) {
      await expect(changeStock(db, { variantId: id, change })).rejects.toThrow(RangeError);
    }
    expect(await movements(id)).toHaveLength(0);
  });

  it('never reserves more than there is, with 50 buyers at once', async () => {
    const db = app().db;
    const id = await variantWith(10);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        changeStock(db, {
          variantId: id,
          change: { kind: 'reserve', quantity: 1 },
          reference: `order-${i}`,
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(lost.every((r) => (r.reason as AppError).code === 'CONFLICT')).toBe(true);
    expect(await level(id)).toEqual({ onHand: 10, reserved: 10 });
    expect(await movements(id)).toHaveLength(10);
  });

  it('keeps concurrent counts and adjustments consistent with their movements', async () => {
    const db = app().db;
    const id = await variantWith(100);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? changeStock(db, {
              variantId: id,
              change: { kind: 'adjust', delta: -3, reason: 'adjustment' },
            })
          : changeStock(db, {
              variantId: id,
              change: { kind: 'set', onHand: 50 + i, reason: 'count' },
            }),
      ),
    );
    const log = await movements(id);
    const final = await level(id);
    // Every movement's delta explains the level: replaying them from 100 lands on what is stored.
    expect(100 + log.reduce((sum, m) => sum + m.onHandDelta, 0)).toBe(final?.onHand);
    expect(log).toHaveLength(20);
  });

  it('rolls back with the transaction it is part of', async () => {
    const db = app().db;
    const id = await variantWith(4);
    await db
      .transaction(async (tx) => {
        await changeStock(tx, { variantId: id, change: { kind: 'reserve', quantity: 4 } });
        throw new Error('payment failed');
      })
      .catch(() => {});
    expect(await level(id)).toEqual({ onHand: 4, reserved: 0 });
    expect(await movements(id)).toHaveLength(0);
  });

  it('says so for a variant that does not exist', async () => {
    const error = await changeStock(app().db, {
      variantId: '00000000-0000-4000-8000-000000000000',
      change: { kind: 'adjust', delta: 1, reason: 'received' },
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('CONFLICT');
    expect((error as AppError).message).toBe('This variant does not exist');
  });
});
