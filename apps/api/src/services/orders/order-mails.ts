import { orderLines } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { formatMoney } from '../pricing/money-text.ts';
import type { LockedOrder } from './order-states.ts';

const SHOP = 'Bazaar';
const money = formatMoney;

/** Where the customer reads the order: their account, or the guest lookup. */
const orderLink = (publicUrl: string, order: LockedOrder) =>
  order.userId
    ? new URL(`/account/orders/${order.number}`, publicUrl).toString()
    : new URL('/orders/lookup', publicUrl).toString();

/**
 * The order's emails, written to the outbox in the transaction of the change they announce (a
 * rolled-back payment sends nothing): confirmation when paid, shipped with tracking, refunds.
 */
export async function enqueueOrderMail(
  tx: Tx,
  publicUrl: string,
  order: LockedOrder,
  mail:
    | { kind: 'confirmation' }
    | { kind: 'shipped'; carrier: string; trackingNumber: string }
    | { kind: 'refund'; amount: number },
): Promise<void> {
  const link = orderLink(publicUrl, order);
  const lookup = order.userId ? '' : ` (order number ${order.number} and this email address)`;
  if (mail.kind === 'confirmation') {
    const lines = await tx
      .select({
        title: orderLines.productTitle,
        variant: orderLines.variantTitle,
        quantity: orderLines.quantity,
        total: orderLines.total,
      })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id));
    const items = lines
      .map(
        (l) =>
          `  ${l.quantity} × ${l.title}${l.variant ? ` (${l.variant})` : ''}  ${money(l.total, order.currency)}`,
      )
      .join('\n');
    await enqueueMail(tx, {
      to: order.email,
      subject: `Your ${SHOP} order #${order.number} is confirmed`,
      text: `Thank you for your order!

Order #${order.number}
${items}

Shipping (${order.shippingMethodName}): ${money(order.shippingTotal, order.currency)}
Total paid: ${money(order.total, order.currency)}

We will email you again when it ships. Follow your order at ${link}${lookup}.`,
    });
  } else if (mail.kind === 'shipped') {
    await enqueueMail(tx, {
      to: order.email,
      subject: `Your ${SHOP} order #${order.number} has shipped`,
      text: `Good news: order #${order.number} is on its way.

Carrier: ${mail.carrier}
Tracking number: ${mail.trackingNumber}

Follow your order at ${link}${lookup}.`,
    });
  } else {
    await enqueueMail(tx, {
      to: order.email,
      subject: `A refund for your ${SHOP} order #${order.number}`,
      text: `We refunded ${money(mail.amount, order.currency)} for order #${order.number} to the card you paid with. Depending on your bank it shows on your statement within 5–10 days.

Details: ${link}${lookup}.`,
    });
  }
}
