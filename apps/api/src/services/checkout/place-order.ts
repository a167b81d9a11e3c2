import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CartOwner,
  type Money,
  type PlacedOrder,
  type PlaceOrderRequest,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { idempotencyKeys } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import superjson, { type SuperJSONResult } from 'superjson';
import { rowsOf } from '../../db.ts';
import { sha256Hex } from '../../security/secrets.ts';
import { lockCartStatus } from '../cart/cart-store.ts';
import { findCart } from '../cart/find-cart.ts';
import { redeemDiscount } from '../discounts/discount-codes.ts';
import { changeStockIn } from '../inventory/stock.ts';
import type { OpenedPayment, Payments } from '../payments/payments.ts';
import { noShopMetrics, type ShopMetrics } from '../shop-metrics.ts';
import { priceCart, pricingContext } from './quote.ts';

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

/**
 * Places the order for the caller's cart in one transaction: the idempotency key is claimed
 * first (a concurrent replay waits on it, then answers the stored response), the cart is locked
 * and priced, stock is reserved line by line with `changeStockIn` (a conditional UPDATE each,
 * recording its movement, in variant order so two orders never deadlock), the discount's use is
 * taken, the order and its lines are written as bought, a payment is opened, and the cart is
 * closed. Any refusal rolls all of it back, the key included, so the same request can be
 * retried. After commit the payment is created at the provider (with a key of its own, so a
 * replay finds the same one).
 *
 * This is the shop's busiest write, so it is kept to few statements (twelve for a one-line guest
 * cart, one more per line; see `pnpm bench checkout`).
 *
 * `metrics` counts orders committed, and the calls that committed none by why.
 */
export async function placeOrder(
  db: Database,
  paying: Payments,
  owner: CartOwner,
  input: PlaceOrderRequest,
  reservationMinutes: number,
  metrics: ShopMetrics = noShopMetrics,
): Promise<PlacedOrder> {
  let recorded: Awaited<ReturnType<typeof recordOrder>>;
  try {
    recorded = await recordOrder(db, paying.provider.name, owner, input, reservationMinutes);
  } catch (err) {
    metrics.checkoutFailed(err instanceof AppError ? err.appCode : 'INTERNAL');
    throw err;
  }
  const { order, opened } = recorded;
  if (opened) metrics.checkoutPlaced();
  return { ...order, payment: await paying.ensureSession(order.id, opened) };
}

type RecordedOrder = Omit<PlacedOrder, 'payment'>;

/** What PostgreSQL fills in on a new order (timestamps as text from postgres.js). */
interface OrderRow {
  number: string | number;
  status: RecordedOrder['status'];
  reserved_until: string | Date | null;
  created_at: string | Date;
}

/** The order, and its payment when this call opened it (not when it answers a replay). */
async function recordOrder(
  db: Database,
  provider: string,
  owner: CartOwner,
  input: PlaceOrderRequest,
  reservationMinutes: number,
): Promise<{ order: RecordedOrder; opened?: OpenedPayment }> {
  const scope = keyScope(owner);
  if (!scope) throw new AppError('CONFLICT', 'Your cart is empty', { appCode: 'CART_EMPTY' });
  const { idempotencyKey, ...request } = input;
  const requestHash = sha256Hex(canonical(request));
  const cartRow = await findCart(db, owner, null);

  return db.transaction(async (tx) => {
    const claimed = rowsOf<{ key: string }>(
      await tx.execute(sql`
        insert into idempotency_keys (scope, key, request_hash)
        values (${scope}, ${idempotencyKey}, ${requestHash})
        on conflict do nothing
        returning key`),
    );
    if (!claimed.length) {
      const [earlier] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, idempotencyKey)));
      if (earlier?.requestHash !== requestHash || !earlier.response) {
        const message = 'This idempotency key was already used for a different order request';
        throw new AppError('CONFLICT', message, {
          fieldErrors: { idempotencyKey: [message] },
          appCode: 'IDEMPOTENCY_CONFLICT',
        });
      }
      return { order: superjson.deserialize<RecordedOrder>(earlier.response as SuperJSONResult) };
    }

    if (!cartRow) throw new AppError('CONFLICT', 'Your cart is empty', { appCode: 'CART_EMPTY' });
    const address = request.shippingAddress;
    const pricing = { ...request, ...address };
    // The cart's lock and what pricing needs besides the cart do not depend on each other: sent
    // together they take one round trip (PostgreSQL still runs them one after the other). The
    // cart's state is reported first, as when they were read in turn.
    const [locked, context] = await Promise.allSettled([
      lockCartStatus(tx, cartRow.id),
      pricingContext(tx, pricing),
    ]);
    if (locked.status === 'rejected') throw locked.reason;
    if (locked.value !== 'active') {
      throw new AppError('CONFLICT', 'This cart has already been ordered', {
        appCode: 'CART_ALREADY_ORDERED',
      });
    }
    if (context.status === 'rejected') throw context.reason;
    const priced = await priceCart(tx, cartRow, pricing, context.value);
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
        { appCode: 'CART_CHANGED' },
      );
    }

    const orderId = randomUUID();
    const actorId = owner.userId;
    const byVariant = [...priced.cart.lines].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
    for (const line of byVariant) {
      // On this transaction, no savepoint each: a refusal rolls the whole order back.
      await changeStockIn(tx, {
        variantId: line.variantId,
        change: { kind: 'reserve', quantity: line.quantity },
        actorId,
        reference: orderId,
        note: 'Order placed',
      });
    }
    const customerKey = owner.userId ?? request.email.toLowerCase();
    if (priced.discount) await redeemDiscount(tx, priced.discount.id, customerKey);

    const bought = priced.cart.lines.map((line, i) => {
      const t = totals.lines[i] as (typeof totals.lines)[number];
      return {
        variant_id: line.variantId,
        product_id: line.productId,
        product_title: line.productTitle,
        variant_title: line.variantTitle,
        sku: line.sku,
        options: line.options,
        quantity: line.quantity,
        unit_price: (line.unitPrice as Money).amount,
        discount: t.discount,
        tax: t.tax,
        total: t.total,
      };
    });
    const paymentId = randomUUID();
    // The order with its lines, its event and its payment, and the cart closed: one statement
    // (one text for any number of lines), in SQL by hand, as Drizzle's builders would cost more
    // than running it (they walk every column of these wide tables).
    const [order] = rowsOf<OrderRow>(
      await tx.execute(sql`
        with new_order as (
          insert into orders (id, user_id, email, currency, subtotal, discount_total,
            shipping_total, tax_total, total, prices_include_tax, tax_name, tax_rate_bps,
            shipping_method_id, shipping_method_name, shipping_address, discount_code_id,
            discount_code, customer_key, cart_id, reserved_until)
          values (${orderId}, ${owner.userId}, ${request.email}, ${currency}, ${totals.subtotal},
            ${totals.discount}, ${totals.shipping}, ${totals.tax}, ${totals.total},
            ${priced.pricesIncludeTax}, ${priced.tax.name}, ${priced.tax.rateBps}, ${chosen.id},
            ${chosen.name}, ${JSON.stringify(address)}::jsonb, ${priced.discount?.id ?? null},
            ${priced.discount?.code ?? null}, ${customerKey}, ${cartRow.id},
            now() + make_interval(mins => ${reservationMinutes}))
          returning id, number, status, reserved_until, created_at
        ), new_lines as (
          insert into order_lines (order_id, variant_id, product_id, product_title,
            variant_title, sku, options, quantity, unit_price, discount, tax, total)
          select o.id, l.variant_id, l.product_id, l.product_title, l.variant_title, l.sku,
            l.options, l.quantity, l.unit_price, l.discount, l.tax, l.total
          from new_order o
          cross join jsonb_to_recordset(${JSON.stringify(bought)}::jsonb) as l(variant_id uuid,
            product_id uuid, product_title text, variant_title text, sku text, options jsonb,
            quantity int, unit_price bigint, discount bigint, tax bigint, total bigint)
        ), placed_event as (
          insert into order_events (order_id, type, actor_id, data)
          select id, 'placed', ${actorId}::uuid,
            ${JSON.stringify({ total: totals.total, currency })}::jsonb
          from new_order
        ), payment as (
          insert into payments (id, order_id, provider, amount, currency)
          select ${paymentId}::uuid, id, ${provider}::text, ${totals.total}::bigint,
            ${currency}::text
          from new_order
        ), closed_cart as (
          update carts set status = 'ordered', updated_at = now() where id = ${cartRow.id}
        )
        select number, status, reserved_until, created_at from new_order`),
    );
    if (!order) throw new Error('the order was not inserted');
    const placed: RecordedOrder = {
      id: orderId,
      number: Number(order.number),
      status: order.status,
      email: request.email,
      total: { amount: totals.total, currency },
      reservedUntil: order.reserved_until === null ? null : new Date(order.reserved_until),
      createdAt: new Date(order.created_at),
    };
    await tx.execute(sql`
      update idempotency_keys set response = ${JSON.stringify(superjson.serialize(placed))}::jsonb
      where scope = ${scope} and key = ${idempotencyKey}`);
    const opened: OpenedPayment = {
      paymentId,
      amount: totals.total,
      currency,
      orderNumber: placed.number,
      email: request.email,
    };
    return { order: placed, opened };
  });
}
