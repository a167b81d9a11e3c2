import {
  type AdminOrder,
  type Order,
  type OrderEvent,
  type OrderEventType,
  orderEventTypeSchema,
  type PaymentStatus,
} from '@bazaar/contracts/server';
import { orderEvents, orderLines, type orders, payments, refunds, users } from '@bazaar/db/schema';
import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';
import { formatMoney } from '../pricing/money-text.ts';

type OrderRow = typeof orders.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;
type EventRow = typeof orderEvents.$inferSelect;

/** What the customer's timeline shows; staff see every entry. */
const customerEvents = new Set<OrderEventType>(
  orderEventTypeSchema.options.filter((type) => type !== 'note'),
);

const cancelWords: Record<string, string> = {
  expired: 'Cancelled: not paid in time',
  payment_failed: 'Cancelled: the payment failed',
  staff: 'Cancelled by the shop',
};

function describe(event: EventRow, currency: string): string {
  const d = event.data as Record<string, string | number | boolean | undefined>;
  const amount = (n: unknown) => formatMoney(Number(n), String(d.currency ?? currency));
  switch (event.type) {
    case 'placed':
      return `Order placed (${amount(d.total)})`;
    case 'paid':
      return `Payment received (${amount(d.amount)})`;
    case 'payment_failed':
      return `Payment failed: ${d.message ?? ''}`.trim();
    case 'shipped':
      return `Shipped with ${d.carrier}, tracking number ${d.trackingNumber}`;
    case 'delivered':
      return 'Delivered';
    case 'cancelled':
      return [cancelWords[String(d.reason)] ?? 'Cancelled', d.note].filter(Boolean).join(' — ');
    case 'refunded':
      return `Refunded ${amount(d.amount)}${d.automatic ? ' automatically' : ''}${d.reason ? ` — ${d.reason}` : ''}`;
    case 'refund_failed':
      return `Refund of ${amount(d.amount)} failed: ${d.error ?? ''}`;
    case 'note':
      return String(d.text ?? '');
    default:
      return event.type;
  }
}

function paymentStatus(order: OrderRow, payment: PaymentRow | undefined): PaymentStatus {
  if (order.refundedTotal > 0) {
    return order.refundedTotal >= order.total ? 'refunded' : 'partially_refunded';
  }
  if (order.paidAt) return 'paid';
  if (payment?.status === 'failed') return 'failed';
  if (order.status === 'cancelled') return 'cancelled';
  if (payment?.status === 'succeeded') return 'paid';
  if (payment?.status === 'processing') return 'processing';
  return 'awaiting_payment';
}

/** The timeline entry an event row is (a failed refund shows as a note); null for none. */
function timelineType(type: string): OrderEventType | null {
  const known = orderEventTypeSchema.safeParse(type);
  if (known.success) return known.data;
  return type === 'refund_failed' ? 'note' : null;
}

async function loadParts(db: DbOrTx, order: OrderRow) {
  const [lines, events, [payment]] = await Promise.all([
    db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.productTitle), asc(orderLines.id)),
    db
      .select({ event: orderEvents, actor: users.name })
      .from(orderEvents)
      .leftJoin(users, eq(users.id, orderEvents.actorId))
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    db.select().from(payments).where(eq(payments.orderId, order.id)),
  ]);
  return { lines, events, payment };
}

function baseView(order: OrderRow, parts: Awaited<ReturnType<typeof loadParts>>): Order {
  const money = (amount: number) => ({ amount, currency: order.currency });
  const timeline: OrderEvent[] = [];
  for (const { event } of parts.events) {
    const type = timelineType(event.type);
    if (type && customerEvents.has(type)) {
      timeline.push({ type, at: event.createdAt, detail: describe(event, order.currency) });
    }
  }
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    paymentStatus: paymentStatus(order, parts.payment),
    paymentMessage: parts.payment?.status === 'failed' ? parts.payment.failureMessage : null,
    email: order.email,
    currency: order.currency,
    lines: parts.lines.map((l) => ({
      id: l.id,
      productTitle: l.productTitle,
      variantTitle: l.variantTitle,
      sku: l.sku,
      options: l.options,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      discount: money(l.discount),
      tax: money(l.tax),
      total: money(l.total),
    })),
    subtotal: money(order.subtotal),
    discount: order.discountCode
      ? { code: order.discountCode, amount: money(order.discountTotal) }
      : null,
    shipping: { method: order.shippingMethodName, amount: money(order.shippingTotal) },
    tax: {
      name: order.taxName,
      rateBps: order.taxRateBps,
      included: order.pricesIncludeTax,
      amount: money(order.taxTotal),
    },
    total: money(order.total),
    refunded: money(order.refundedTotal),
    shippingAddress: order.shippingAddress,
    shipment:
      order.carrier && order.trackingNumber && order.shippedAt
        ? {
            carrier: order.carrier,
            trackingNumber: order.trackingNumber,
            shippedAt: order.shippedAt,
          }
        : null,
    deliveredAt: order.deliveredAt,
    reservedUntil: order.status === 'pending_payment' ? order.reservedUntil : null,
    cancelReason: order.cancelReason,
    createdAt: order.createdAt,
    timeline,
  };
}

/** The order as its customer sees it. */
export async function orderView(db: DbOrTx, order: OrderRow): Promise<Order> {
  return baseView(order, await loadParts(db, order));
}

/** The order as staff see it: customer, payments, refunds, the full timeline with who did what. */
export async function adminOrderView(db: DbOrTx, order: OrderRow): Promise<AdminOrder> {
  const parts = await loadParts(db, order);
  const [customer] = order.userId
    ? await db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, order.userId))
    : [];
  const refundRows = await db
    .select()
    .from(refunds)
    .where(eq(refunds.orderId, order.id))
    .orderBy(desc(refunds.createdAt));
  const money = (amount: number) => ({ amount, currency: order.currency });
  const paid = parts.payment?.status === 'succeeded' ? parts.payment.amount : 0;
  return {
    ...baseView(order, parts),
    customer: customer ?? null,
    payments: parts.payment
      ? [
          {
            id: parts.payment.id,
            provider: parts.payment.provider as 'test' | 'stripe',
            providerRef: parts.payment.providerRef,
            status: parts.payment.status,
            amount: money(parts.payment.amount),
            refunded: money(order.refundedTotal),
            failureMessage: parts.payment.failureMessage,
            createdAt: parts.payment.createdAt,
          },
        ]
      : [],
    refunds: refundRows.map((r) => ({
      id: r.id,
      amount: money(r.amount),
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt,
    })),
    refundable: money(Math.max(0, paid - order.refundedTotal)),
    timeline: parts.events.flatMap(({ event, actor }) => {
      const type = timelineType(event.type);
      return type
        ? [
            {
              type,
              at: event.createdAt,
              detail: describe(event, order.currency),
              actor: actor ?? null,
            },
          ]
        : [];
    }),
  };
}
