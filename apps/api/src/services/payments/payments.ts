import type { PaymentOptions, PaymentSession } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { orderEvents, orders, paymentEvents, payments, refunds } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db.ts';
import type { Logger } from '../../logger.ts';
import { lockOrder } from '../orders/order-states.ts';
import { cancelUnpaid, failRefund, markPaid, takeRefund } from '../orders/order-transitions.ts';
import { noShopMetrics, type PaymentOutcome, type ShopMetrics } from '../shop-metrics.ts';
import type { PaymentEvent, PaymentProvider, ProviderPayment } from './provider.ts';

export interface PaymentsDeps {
  db: Database;
  provider: PaymentProvider;
  publicUrl: string;
  /** Mail was queued (wakes the dispatcher). */
  mailQueued: () => void;
  log: Logger;
  /** Counts payments and refunds as they change (after commit). */
  metrics?: ShopMetrics;
}

type PaymentRow = typeof payments.$inferSelect;

/** What must happen at the provider once the transaction that decided it has committed. */
type FollowUp =
  | { kind: 'refund'; refundId: string }
  | { kind: 'capture'; ref: string; paymentId: string }
  | { kind: 'cancel'; ref: string; paymentId: string };

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/** What an applied event made of the payment or refund, for the metrics. */
const PAYMENT_OUTCOMES: Record<PaymentEvent['kind'], PaymentOutcome | null> = {
  'payment.succeeded': 'succeeded',
  'payment.failed': 'failed',
  'payment.canceled': 'canceled',
  'payment.authorized': 'authorized',
  'refund.succeeded': null,
  'refund.failed': null,
};

/** A payment just opened with its order (not yet at the provider), as the order has it. */
export interface OpenedPayment {
  paymentId: string;
  amount: number;
  currency: string;
  orderNumber: number;
  email: string;
}

/**
 * Payments of orders: the payment session a browser pays with, and the one entry into the order
 * state machine for everything a provider says, whether it arrives as a webhook, twice, out of
 * order, or as the payer's return (`sync`). Each event is recorded by id in the transaction of
 * its effect, and each effect is guarded by the payment's own state, so a payment is recorded
 * once and never lost.
 */
export function createPayments(deps: PaymentsDeps) {
  const { db, provider, log } = deps;
  const metrics = deps.metrics ?? noShopMetrics;

  /**
   * The payment of an order at the provider, created once (the key is forwarded). `opened`: the
   * payment the caller has just opened (placing the order), so it need not be read back.
   */
  async function ensureSession(orderId: string, opened?: OpenedPayment): Promise<PaymentSession> {
    let payment = opened;
    if (!payment) {
      const [row] = await db.select().from(payments).where(eq(payments.orderId, orderId));
      if (!row) throw new Error(`order ${orderId} has no payment`);
      if (row.providerRef && row.clientSecret) return session(row.clientSecret);
      const [order] = await db
        .select({ number: orders.number, email: orders.email })
        .from(orders)
        .where(eq(orders.id, orderId));
      payment = {
        paymentId: row.id,
        amount: row.amount,
        currency: row.currency,
        orderNumber: order?.number ?? 0,
        email: order?.email ?? '',
      };
    }
    const created = await provider.createPayment({
      amount: payment.amount,
      currency: payment.currency,
      orderId,
      orderNumber: payment.orderNumber,
      email: payment.email,
      idempotencyKey: `payment-${payment.paymentId}`,
    });
    await db.execute(sql`
      update payments
      set provider_ref = ${created.ref}, client_secret = ${created.clientSecret}, updated_at = now()
      where id = ${payment.paymentId} and provider_ref is null`);
    return session(created.clientSecret);
  }

  const session = (clientSecret: string): PaymentSession => ({
    provider: provider.name,
    clientSecret,
    publishableKey: provider.publishableKey,
  });

  async function applyEvent(event: PaymentEvent): Promise<EventOutcome> {
    const result = await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(paymentEvents)
        .values({
          provider: provider.name,
          eventId: event.id,
          kind: event.kind,
          paymentRef: event.paymentRef,
        })
        .onConflictDoNothing()
        .returning({ id: paymentEvents.eventId });
      if (!fresh.length) return { outcome: 'duplicate' as const, followUps: [] };
      const [payment] = await tx
        .select()
        .from(payments)
        .where(
          and(eq(payments.provider, provider.name), eq(payments.providerRef, event.paymentRef)),
        )
        .for('update');
      if (!payment) {
        log.warn(
          { event: event.id, ref: event.paymentRef },
          'payment event for an unknown payment',
        );
        return { outcome: 'ignored' as const, followUps: [] };
      }
      const followUps = await applyToPayment(tx, payment, event);
      return {
        outcome: followUps ? ('applied' as const) : ('ignored' as const),
        followUps: followUps ?? [],
      };
    });
    if (result.outcome === 'applied') {
      deps.mailQueued();
      countApplied(event.kind);
    }
    await runFollowUps(result.followUps);
    return result.outcome;
  }

  function countApplied(kind: PaymentEvent['kind']) {
    const outcome = PAYMENT_OUTCOMES[kind];
    if (outcome) metrics.payment(outcome);
    else metrics.refund(kind === 'refund.succeeded' ? 'succeeded' : 'failed');
  }

  /** Returns null when the event changes nothing (the payment already moved past it). */
  async function applyToPayment(
    tx: Tx,
    payment: PaymentRow,
    event: PaymentEvent,
  ): Promise<FollowUp[] | null> {
    const order = await lockOrder(tx, payment.orderId);
    const ctx = { publicUrl: deps.publicUrl };
    const settled = payment.status === 'succeeded';
    switch (event.kind) {
      case 'payment.succeeded': {
        if (settled) return null;
        if (event.amount !== payment.amount || event.currency !== payment.currency) {
          log.error({ event: event.id, order: order.id }, 'payment amount differs from the order');
          return null;
        }
        await setPayment(tx, payment.id, {
          status: 'succeeded',
          failureCode: null,
          failureMessage: null,
        });
        if (order.status === 'pending_payment') {
          await markPaid(tx, order, ctx);
          return [];
        }
        // Paid after the order was cancelled (its reservation expired meanwhile): the money goes
        // back at once and the order says so.
        const refundId = await takeRefund(
          tx,
          order,
          {
            amount: payment.amount,
            reason: 'Paid after the order was cancelled',
            idempotencyKey: `late-${payment.id}`,
            automatic: true,
          },
          ctx,
        );
        log.warn({ order: order.id }, 'payment arrived after the order was cancelled; refunding');
        return refundId ? [{ kind: 'refund', refundId }] : [];
      }
      case 'payment.failed':
      case 'payment.canceled': {
        if (settled || payment.status === 'failed' || payment.status === 'canceled') return null;
        await setPayment(tx, payment.id, {
          status: event.kind === 'payment.failed' ? 'failed' : 'canceled',
          failureCode: event.failure?.code ?? null,
          failureMessage: event.failure?.message ?? null,
        });
        if (order.status === 'pending_payment') {
          await tx.insert(orderEvents).values({
            orderId: order.id,
            type: 'payment_failed',
            data: { message: event.failure?.message ?? 'Payment cancelled' },
          });
          await cancelUnpaid(tx, order, 'payment_failed', {});
        }
        // The intent must not succeed later with another card: close it at the provider.
        return event.kind === 'payment.failed' && payment.providerRef
          ? [{ kind: 'cancel', ref: payment.providerRef, paymentId: payment.id }]
          : [];
      }
      case 'payment.authorized': {
        if (settled || !payment.providerRef) return null;
        await setPayment(tx, payment.id, { status: 'processing' });
        const payable =
          order.status === 'pending_payment' &&
          (!order.reservedUntil || order.reservedUntil.getTime() > Date.now());
        return [
          { kind: payable ? 'capture' : 'cancel', ref: payment.providerRef, paymentId: payment.id },
        ];
      }
      case 'refund.succeeded':
      case 'refund.failed': {
        const [refund] = await tx
          .select({ id: refunds.id, status: refunds.status })
          .from(refunds)
          .where(
            and(eq(refunds.paymentId, payment.id), eq(refunds.providerRef, event.refundRef ?? '')),
          );
        if (!refund) {
          await refundNotYetSent(tx, payment.id);
          return null;
        }
        // Stripe tells of one refund more than once (created, then updated): only a change counts.
        if (refund.status !== 'pending') return null;
        if (event.kind === 'refund.failed') {
          await failRefund(
            tx,
            order,
            refund.id,
            event.failure?.message ?? 'Refused by the provider',
          );
        } else {
          await tx
            .update(refunds)
            .set({ status: 'succeeded', updatedAt: sql`now()` })
            .where(eq(refunds.id, refund.id));
        }
        return [];
      }
    }
  }

  /**
   * A refund event can overtake the answer to our own refund call (which records the refund's
   * id). While one of the payment's refunds has no id yet, the event is refused, to be delivered
   * again; otherwise it is a refund made elsewhere (the provider's dashboard) and only logged.
   */
  async function refundNotYetSent(tx: Tx, paymentId: string) {
    const [unsent] = await tx
      .select({ id: refunds.id })
      .from(refunds)
      .where(
        and(
          eq(refunds.paymentId, paymentId),
          eq(refunds.status, 'pending'),
          sql`${refunds.providerRef} is null`,
        ),
      )
      .limit(1);
    if (unsent) throw new RetryLaterError('refund event arrived before the refund was recorded');
    log.warn({ payment: paymentId }, 'refund event for a refund not made through the shop');
  }

  async function setPayment(
    tx: Tx,
    id: string,
    values: Partial<Pick<PaymentRow, 'status' | 'failureCode' | 'failureMessage'>>,
  ) {
    await tx
      .update(payments)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(payments.id, id));
  }

  async function runFollowUps(followUps: FollowUp[]) {
    for (const f of followUps) {
      try {
        if (f.kind === 'refund') await processRefund(f.refundId);
        else if (f.kind === 'capture')
          await syncFrom(await provider.capturePayment(f.ref, `capture-${f.paymentId}`));
        else await provider.cancelPayment(f.ref, `cancel-${f.paymentId}`);
      } catch (err) {
        // Refunds are retried by the refund job; a capture or cancel by the provider's own retry of
        // the authorization event, or the reservation job.
        log.error({ err, followUp: f }, 'payment follow-up failed');
      }
    }
  }

  /**
   * Applies what the provider says about a payment now (the payer's return, a capture), as an
   * event of its own: the same state machine, deduplicated by the state reached.
   */
  async function syncFrom(current: ProviderPayment): Promise<EventOutcome> {
    const kind =
      current.status === 'succeeded'
        ? 'payment.succeeded'
        : current.status === 'failed'
          ? 'payment.failed'
          : current.status === 'canceled'
            ? 'payment.canceled'
            : null;
    if (!kind) return 'ignored';
    return applyEvent({
      id: `sync:${current.ref}:${current.status}`,
      kind,
      paymentRef: current.ref,
      amount: current.amount,
      currency: current.currency,
      failure: current.failure,
      refundRef: null,
    });
  }

  async function sync(payment: PaymentRow): Promise<EventOutcome> {
    if (!payment.providerRef || payment.status === 'succeeded') return 'ignored';
    return syncFrom(await provider.retrievePayment(payment.providerRef));
  }

  /**
   * Sends a pending refund to the provider (idempotently: its id is the key). A refusal gives
   * the amount back to the order; an error leaves it pending for the refund job to retry.
   */
  async function processRefund(refundId: string): Promise<void> {
    const [refund] = await db
      .select({ refund: refunds, ref: payments.providerRef })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(eq(refunds.id, refundId));
    if (refund?.refund.status !== 'pending' || !refund.ref) return;
    await db
      .update(refunds)
      .set({ attempts: sql`${refunds.attempts} + 1`, updatedAt: sql`now()` })
      .where(eq(refunds.id, refundId));
    let result: Awaited<ReturnType<PaymentProvider['refund']>>;
    try {
      result = await provider.refund({
        paymentRef: refund.ref,
        amount: refund.refund.amount,
        idempotencyKey: `refund-${refundId}`,
      });
    } catch (err) {
      await db
        .update(refunds)
        .set({ lastError: String(err) })
        .where(eq(refunds.id, refundId));
      throw err;
    }
    await db.transaction(async (tx) => {
      const order = await lockOrder(tx, refund.refund.orderId);
      if (result.status === 'failed') {
        await failRefund(tx, order, refundId, 'Refused by the payment provider');
        return;
      }
      await tx
        .update(refunds)
        .set({
          providerRef: result.ref,
          status: result.status === 'succeeded' ? 'succeeded' : 'pending',
          updatedAt: sql`now()`,
        })
        .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')));
    });
    if (result.status !== 'pending') metrics.refund(result.status);
    deps.mailQueued();
  }

  /** Refunds still pending after a crash or a provider outage (the refund job). */
  async function retryPendingRefunds(): Promise<number> {
    const pending = await db
      .select({ id: refunds.id })
      .from(refunds)
      .where(
        and(
          eq(refunds.status, 'pending'),
          sql`${refunds.providerRef} is null`,
          sql`${refunds.attempts} < 20`,
        ),
      )
      .limit(100);
    let done = 0;
    for (const { id } of pending) {
      try {
        await processRefund(id);
        done++;
      } catch (err) {
        log.warn({ err, refund: id }, 'refund not accepted by the provider yet');
      }
    }
    return done;
  }

  const options: PaymentOptions = {
    provider: provider.name,
    publishableKey: provider.publishableKey,
  };

  return { provider, options, ensureSession, applyEvent, sync, processRefund, retryPendingRefunds };
}

export type Payments = ReturnType<typeof createPayments>;

/** The event cannot be applied yet; the webhook answers 503 so the provider delivers it again. */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}
