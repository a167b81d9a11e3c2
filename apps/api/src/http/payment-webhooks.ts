import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.ts';
import { type Payments, RetryLaterError } from '../services/payments/payments.ts';
import { WebhookSignatureError } from '../services/payments/provider.ts';

/** Providers' events are small; Stripe's largest are a few tens of KiB. */
const MAX_WEBHOOK_BYTES = 512 * 1024;

type Reply = (status: number, body: unknown) => void;

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `POST /webhooks/payments/<provider>`: the provider's signed events. The signature (and its
 * timestamp) is checked on the raw body before anything is read from it; a refusal is logged
 * and answered 400. An applied, duplicate or ignored event is 200; an event that cannot be
 * applied yet (or a failure) is 5xx, which makes the provider deliver it again.
 */
export async function receivePaymentWebhook(
  req: IncomingMessage,
  payments: Payments,
  provider: string,
  log: Logger,
  reply: Reply,
): Promise<void> {
  if (provider !== payments.provider.name) return reply(404, { error: 'Not found' });
  if (req.method !== 'POST') return reply(405, { error: 'Send events with POST' });
  const body = await readBody(req);
  if (!body) return reply(413, { error: 'Payload too large' });
  let event: ReturnType<Payments['provider']['verifyWebhook']>;
  try {
    event = payments.provider.verifyWebhook(body, req.headers);
  } catch (err) {
    if (err instanceof WebhookSignatureError) {
      log.warn({ provider, reason: err.message }, 'payment webhook refused: bad signature');
      return reply(400, { error: 'Invalid signature' });
    }
    log.warn({ provider, err }, 'payment webhook refused: unreadable event');
    return reply(400, { error: 'Unreadable event' });
  }
  if (!event) return reply(200, { received: true, outcome: 'ignored' });
  try {
    const outcome = await payments.applyEvent(event);
    log.info({ provider, event: event.id, kind: event.kind, outcome }, 'payment webhook');
    return reply(200, { received: true, outcome });
  } catch (err) {
    if (err instanceof RetryLaterError) {
      log.info({ provider, event: event.id }, 'payment webhook deferred');
      return reply(503, { error: 'Try again later' });
    }
    log.error({ err, provider, event: event.id }, 'payment webhook failed');
    return reply(500, { error: 'Internal server error' });
  }
}
