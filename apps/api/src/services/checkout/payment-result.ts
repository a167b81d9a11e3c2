import { AppError, type Order, type PaymentAttempt } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { orders, payments } from '@bazaar/db/schema';
import { and, eq } from 'drizzle-orm';
import { orderView } from '../orders/order-view.ts';
import type { Payments } from '../payments/payments.ts';
import type { TestPaymentProvider } from '../payments/test-provider.ts';

const notFound = () => new AppError('NOT_FOUND', 'Payment not found');

/** The payment of an order, found only with its client secret (the payer's proof). */
async function paymentFor(db: Database, orderId: string, clientSecret: string) {
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.clientSecret, clientSecret)));
  if (!payment) throw notFound();
  return payment;
}

/**
 * The test provider's card form. A decline is applied at once (as the payer's return would be:
 * the order is cancelled, its stock released and the cart opened again) so the shopper can try
 * another card; a success is left to the webhook or the payer's return, as with Stripe.
 */
export async function confirmTestPayment(
  db: Database,
  paying: Payments,
  testProvider: TestPaymentProvider | null,
  input: { orderId: string; clientSecret: string; cardNumber: string },
): Promise<PaymentAttempt> {
  if (!testProvider || paying.provider !== testProvider) throw notFound();
  const payment = await paymentFor(db, input.orderId, input.clientSecret);
  if (!payment.providerRef) throw notFound();
  const result = await testProvider.confirm(
    payment.providerRef,
    input.clientSecret,
    input.cardNumber,
  );
  if (result.status === 'failed' || result.status === 'canceled') {
    await paying.sync(payment);
    return { status: 'failed', message: result.failure?.message ?? 'The payment was cancelled.' };
  }
  return { status: result.status === 'succeeded' ? 'succeeded' : 'processing', message: null };
}

/** The payer's return: how the payment stands at the provider, applied, and the order. */
export async function paymentResult(
  db: Database,
  paying: Payments,
  input: { orderId: string; clientSecret: string },
): Promise<Order> {
  const payment = await paymentFor(db, input.orderId, input.clientSecret);
  if (payment.status === 'created' || payment.status === 'processing') await paying.sync(payment);
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) throw notFound();
  return orderView(db, order);
}
