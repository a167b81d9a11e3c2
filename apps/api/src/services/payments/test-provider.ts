import { randomBytes } from 'node:crypto';
import { AppError } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { testProviderEvents, testProviderPayments } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db.ts';
import type { Logger } from '../../logger.ts';
import type { PaymentEvent, PaymentProvider, ProviderPayment, ProviderRefund } from './provider.ts';
import { testCardOutcome } from './test-cards.ts';
import { signTestWebhook, TEST_SIGNATURE_HEADER, verifyTestSignature } from './test-signature.ts';

/** The offline provider's extras: the card form's confirmation and its webhook sender. */
export interface TestPaymentProvider extends PaymentProvider {
  /** Pays with a test card (what Stripe.js does in the payer's browser). */
  confirm(ref: string, clientSecret: string, cardNumber: string): Promise<ProviderPayment>;
  /** Sends the webhooks that are due to our endpoint; returns how many were accepted. */
  deliverWebhooks(): Promise<number>;
}

export interface TestProviderOptions {
  /** Signs the webhooks (derived from `SECRET_KEYS`). */
  webhookSecret: string;
  /** Where our webhook endpoint listens; null until the server does. */
  webhookUrl: () => string | null;
  /** Called when an event is waiting to be sent. */
  queued: () => void;
  log: Logger;
}

const MAX_ATTEMPTS = 12;
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
type Row = typeof testProviderPayments.$inferSelect;

const asPayment = (row: Row): ProviderPayment => ({
  ref: row.id,
  clientSecret: row.clientSecret,
  status: row.status,
  amount: row.amount,
  currency: row.currency,
  failure:
    row.failureCode && row.failureMessage
      ? { code: row.failureCode, message: row.failureMessage }
      : null,
});

/**
 * The default, offline payment provider. It keeps its own books (`test_provider_*` tables, as
 * Stripe keeps its own), decides by test card number, and tells our webhook endpoint what
 * happened with signed events sent asynchronously and retried with backoff until accepted, so
 * the whole payment flow, duplicates and late deliveries included, runs without internet.
 */
export function createTestProvider(
  db: Database,
  options: TestProviderOptions,
): TestPaymentProvider {
  async function find(ref: string): Promise<Row> {
    const [row] = await db
      .select()
      .from(testProviderPayments)
      .where(eq(testProviderPayments.id, ref));
    if (!row) throw new Error(`test provider: no payment ${ref}`);
    return row;
  }

  async function emit(
    tx: DbOrTx,
    eventId: string,
    type: PaymentEvent['kind'],
    event: Omit<PaymentEvent, 'id' | 'kind'>,
  ) {
    await tx
      .insert(testProviderEvents)
      .values({ id: eventId, type, payload: { id: eventId, kind: type, ...event } })
      .onConflictDoNothing();
  }

  return {
    name: 'test',
    publishableKey: null,

    async createPayment(input) {
      // Created, or (the key seen before) the payment made then.
      const [inserted] = await db
        .insert(testProviderPayments)
        .values({
          id: id('tp_pi'),
          clientSecret: id('tp_secret'),
          idempotencyKey: input.idempotencyKey,
          amount: input.amount,
          currency: input.currency,
          metadata: { orderId: input.orderId, orderNumber: String(input.orderNumber) },
        })
        .onConflictDoNothing()
        .returning();
      const [row] = inserted
        ? [inserted]
        : await db
            .select()
            .from(testProviderPayments)
            .where(eq(testProviderPayments.idempotencyKey, input.idempotencyKey));
      if (!row) throw new Error('test provider: payment not created');
      if (row.amount !== input.amount || row.currency !== input.currency) {
        throw new Error('test provider: idempotency key reused with other parameters');
      }
      return asPayment(row);
    },

    retrievePayment: async (ref) => asPayment(await find(ref)),

    capturePayment: async (ref) => asPayment(await find(ref)),

    async cancelPayment(ref) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(testProviderPayments)
          .set({ status: 'canceled' })
          .where(
            and(
              eq(testProviderPayments.id, ref),
              eq(testProviderPayments.status, 'requires_payment'),
            ),
          )
          .returning();
        if (row) {
          await emit(tx, id('tp_evt'), 'payment.canceled', {
            paymentRef: ref,
            amount: row.amount,
            currency: row.currency,
            failure: null,
            refundRef: null,
          });
        }
      });
      options.queued();
    },

    async confirm(ref, clientSecret, cardNumber) {
      const failure = testCardOutcome(cardNumber);
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(testProviderPayments)
          .set(
            failure
              ? { status: 'failed', failureCode: failure.code, failureMessage: failure.message }
              : { status: 'succeeded' },
          )
          .where(
            and(
              eq(testProviderPayments.id, ref),
              eq(testProviderPayments.clientSecret, clientSecret),
              eq(testProviderPayments.status, 'requires_payment'),
            ),
          )
          .returning();
        if (!updated) return null;
        await emit(tx, id('tp_evt'), failure ? 'payment.failed' : 'payment.succeeded', {
          paymentRef: ref,
          amount: updated.amount,
          currency: updated.currency,
          failure,
          refundRef: null,
        });
        return updated;
      });
      if (row) {
        options.queued();
        return asPayment(row);
      }
      const current = await find(ref);
      if (current.clientSecret !== clientSecret)
        throw new AppError('NOT_FOUND', 'Payment not found');
      // Paid, failed or cancelled already: confirming again changes nothing (as with Stripe).
      return asPayment(current);
    },

    async refund({ paymentRef, amount, idempotencyKey }): Promise<ProviderRefund> {
      const refundRef = `tp_re_${idempotencyKey}`;
      const status = await db.transaction(async (tx) => {
        const [seen] = rowsOf<{ id: string }>(
          await tx.execute(
            sql`select id from test_provider_events where id = ${`tp_evt_${refundRef}`}`,
          ),
        );
        if (seen) return 'succeeded' as const;
        const [row] = await tx
          .update(testProviderPayments)
          .set({ amountRefunded: sql`${testProviderPayments.amountRefunded} + ${amount}` })
          .where(
            and(
              eq(testProviderPayments.id, paymentRef),
              eq(testProviderPayments.status, 'succeeded'),
              sql`${testProviderPayments.amountRefunded} + ${amount} <= ${testProviderPayments.amount}`,
            ),
          )
          .returning();
        if (!row) return 'failed' as const;
        await emit(tx, `tp_evt_${refundRef}`, 'refund.succeeded', {
          paymentRef,
          amount,
          currency: row.currency,
          failure: null,
          refundRef,
        });
        return 'succeeded' as const;
      });
      if (status === 'succeeded') options.queued();
      return { ref: refundRef, status };
    },

    verifyWebhook(rawBody, headers) {
      verifyTestSignature(options.webhookSecret, rawBody, headers[TEST_SIGNATURE_HEADER]);
      return JSON.parse(rawBody.toString('utf8')) as PaymentEvent;
    },

    async deliverWebhooks() {
      const url = options.webhookUrl();
      if (!url) return 0;
      let delivered = 0;
      for (;;) {
        // A lease: the claimed events are not due again for a minute, so nothing holds a lock
        // (or, on PGlite, the one connection) while the request is in flight.
        const due = rowsOf<{ id: string; payload: unknown; attempts: number }>(
          await db.execute(sql`
            update test_provider_events set attempts = attempts + 1,
              next_attempt_at = now() + interval '1 minute'
            where id in (
              select id from test_provider_events
              where delivered_at is null and next_attempt_at <= now() and attempts < ${MAX_ATTEMPTS}
              order by created_at limit 20 for update skip locked)
            returning id, payload, attempts`),
        );
        if (!due.length) return delivered;
        for (const event of due) {
          const body = JSON.stringify(event.payload);
          let error: string | null = null;
          try {
            const res = await fetch(url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [TEST_SIGNATURE_HEADER]: signTestWebhook(options.webhookSecret, body),
              },
              body,
              signal: AbortSignal.timeout(10_000),
            });
            if (!res.ok) error = `HTTP ${res.status}`;
            await res.arrayBuffer();
          } catch (err) {
            error = String(err);
          }
          if (error) {
            const backoff = Math.min(2 ** event.attempts, 3600);
            options.log.warn(
              { event: event.id, attempts: event.attempts, error },
              'test payment webhook not accepted; will retry',
            );
            await db.execute(sql`
              update test_provider_events set last_error = ${error},
                next_attempt_at = now() + make_interval(secs => ${backoff})
              where id = ${event.id}`);
          } else {
            delivered++;
            await db.execute(
              sql`update test_provider_events set delivered_at = now() where id = ${event.id}`,
            );
          }
        }
      }
    },
  };
}
