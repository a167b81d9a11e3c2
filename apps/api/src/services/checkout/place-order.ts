import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CartOwner,
  type Money,
  type PlacedOrder,
  type PlaceOrderRequest,
} from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { carts, idempotencyKeys, orderEvents, orderLines, orders } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import superjson, { type SuperJSONResult } from 'superjson';
import { type DbOrTx, rowsOf } from '../../db.ts';
import { sha256Hex } from '../../security/secrets.ts';
import { lockCart } from '../cart/cart-store.ts';
import { findCart } from '../cart/find-cart.ts';
import { redeemDiscount } from '../discounts/discount-codes.ts';
import { changeStock } from '../inventory/stock.ts';
import { priceCart } from './quote.ts';

/** JSON with its keys sorted, so equal requests hash equally whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Who the idempotency key belongs to: the user, or the guest's cart cookie. */
function keyScope(owner: CartOwner): string | null {
  if (owner.userId) return `user:${owner.userId}`;
  return owner.guestToken ? `guest:${sha256Hex(owner.guestToken)}` : null;
}

/** Product ids of the cart's variants, for the order lines. */
async function productIdsOf(tx: DbOrTx, variantIds: string[]) {
  const rows = rowsOf<{ id: string; product_id: string }>(
    await tx.execute(
      sql`select id, product_id from variants where id in (${sql.join(
        variantIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    ),
  );
  return new Map(rows.map((r) => [r.id, r.product_id]));
}

/**
 * Places the order for the caller's cart in one transaction: the idempotency key is claimed
 * first (a concurrent replay waits on it, then answers the stored response), the cart is locked
 * and priced, stock is reserved line by line with `changeStock` (a conditional UPDATE each, in
 * variant order so two orders never deadlock), the discount's use is taken, the order and its
 * lines are written as bought, and the cart is closed. Any refusal rolls all of it back,
 * the key included, so the same request can be retried.
 */
export async function placeOrder(
  db: Database,
  owner: CartOwner,
  input: PlaceOrderRequest,
  reservationMinutes: number,
): Promise<PlacedOrder> {
  const scope = keyScope(owner);
  if (!scope) throw new AppError('CONFLICT', 'Your cart is empty');
  const { idempotencyKey, ...request } = input;
  const requestHash = sha256Hex(canonical(request));
  const cartRow = await findCart(db, owner, null);

  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ scope, key: idempotencyKey, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!claimed.length) {
      const [earlier] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, idempotencyKey)));
      if (earlier?.requestHash !== requestHash || !earlier.response) {
        const message = 'This idempotency key was already used for a different order request';
        throw new AppError('CONFLICT', message, { fieldErrors: { idempotencyKey: [message] } });
      }
      return superjson.deserialize<PlacedOrder>(earlier.response as SuperJSONResult);
    }

    if (!cartRow) throw new AppError('CONFLICT', 'Your cart is empty');
    await lockCart(tx, cartRow.id);
    const [cartState] = await tx
      .select({ status: carts.status })
      .from(carts)
      .where(eq(carts.id, cartRow.id));
    if (cartState?.status !== 'active') {
      throw new AppError('CONFLICT', 'This cart has already been ordered');
    }
    const address = request.shippingAddress;
    const priced = await priceCart(tx, cartRow, { ...request, ...address });
    const { totals, currency, chosen } = priced;
    if (!chosen) {
      const message = 'Nothing ships to this address in this currency';
      throw new AppError('BAD_REQUEST', message, { fieldErrors: { shippingMethodId: [message] } });
    }
    const expected = request.expectedTotal;
    if (expected && (expected.amount !== totals.total || expected.currency !== currency)) {
      throw new AppError(
        'CONFLICT',
        'The total changed since you reviewed your order; review it again',
      );
    }

    const orderId = randomUUID();
    const actorId = owner.userId;
    const byVariant = [...priced.cart.lines].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
    for (const line of byVariant) {
      await changeStock(tx as unknown as Database, {
        variantId: line.variantId,
        change: { kind: 'reserve', quantity: line.quantity },
        actorId,
        reference: orderId,
        note: 'Order placed',
      });
    }
    const customerKey = owner.userId ?? request.email.toLowerCase();
    if (priced.discount) await redeemDiscount(tx, priced.discount.id, customerKey);

    const [order] = await tx
      .insert(orders)
      .values({
        id: orderId,
        userId: owner.userId,
        email: request.email,
        currency,
        subtotal: totals.subtotal,
        discountTotal: totals.discount,
        shippingTotal: totals.shipping,
        taxTotal: totals.tax,
        total: totals.total,
        pricesIncludeTax: priced.pricesIncludeTax,
        taxName: priced.tax.name,
        taxRateBps: priced.tax.rateBps,
        shippingMethodId: chosen.id,
        shippingMethodName: chosen.name,
        shippingAddress: address,
        discountCodeId: priced.discount?.id ?? null,
        discountCode: priced.discount?.code ?? null,
        customerKey,
        reservedUntil: sql`now() + make_interval(mins => ${reservationMinutes})`,
      })
      .returning({
        number: orders.number,
        status: orders.status,
        reservedUntil: orders.reservedUntil,
        createdAt: orders.createdAt,
      });
    const products = await productIdsOf(
      tx,
      priced.cart.lines.map((l) => l.variantId),
    );
    await tx.insert(orderLines).values(
      priced.cart.lines.map((line, i) => {
        const t = totals.lines[i] as (typeof totals.lines)[number];
        return {
          orderId,
          variantId: line.variantId,
          productId: products.get(line.variantId) as string,
          productTitle: line.productTitle,
          variantTitle: line.variantTitle,
          sku: line.sku,
          options: line.options,
          quantity: line.quantity,
          unitPrice: (line.unitPrice as Money).amount,
          discount: t.discount,
          tax: t.tax,
          total: t.total,
        };
      }),
    );
    await tx.insert(orderEvents).values({
      orderId,
      type: 'placed',
      actorId,
      data: { total: totals.total, currency },
    });
    await tx
      .update(carts)
      .set({ status: 'ordered', updatedAt: sql`now()` })
      .where(eq(carts.id, cartRow.id));

    const placed: PlacedOrder = {
      id: orderId,
      number: order?.number as number,
      status: order?.status ?? 'pending_payment',
      email: request.email,
      total: { amount: totals.total, currency },
      reservedUntil: order?.reservedUntil ?? null,
      createdAt: order?.createdAt as Date,
    };
    await tx
      .update(idempotencyKeys)
      .set({ response: superjson.serialize(placed) })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, idempotencyKey)));
    return placed;
  });
}
