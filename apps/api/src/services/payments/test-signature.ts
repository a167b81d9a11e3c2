import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError } from './provider.ts';

/** The test provider's webhook signature header, built like Stripe's: `t=<unix>,v1=<hex HMAC>`. */
export const TEST_SIGNATURE_HEADER = 'bazaar-test-signature';
/** Older (or newer) signatures are refused, as Stripe's default tolerance does. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const mac = (secret: string, timestamp: number, body: string | Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

export function signTestWebhook(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

/** Throws `WebhookSignatureError` unless `header` signs `body` with `secret` within the tolerance. */
export function verifyTestSignature(
  secret: string,
  body: Buffer,
  header: string | string[] | undefined,
  now = Date.now(),
): void {
  if (typeof header !== 'string') throw new WebhookSignatureError('No signature header');
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) {
    throw new WebhookSignatureError('Malformed signature header');
  }
  if (Math.abs(Math.floor(now / 1000) - t) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError('Timestamp outside the tolerance');
  }
  const expected = Buffer.from(mac(secret, t, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) {
    throw new WebhookSignatureError('Signature does not match');
  }
}
