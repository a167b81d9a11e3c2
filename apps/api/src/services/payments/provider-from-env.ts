import type { Env } from '../../env.ts';
import type { PaymentProvider } from './provider.ts';
import { createStripeProvider } from './stripe-provider.ts';

type PaymentSettings = Pick<
  Env,
  | 'PAYMENT_PROVIDER'
  | 'STRIPE_SECRET_KEY'
  | 'STRIPE_WEBHOOK_SECRET'
  | 'STRIPE_PUBLISHABLE_KEY'
  | 'STRIPE_CAPTURE'
  | 'STRIPE_API_URL'
>;

/**
 * The provider PAYMENT_PROVIDER names: Stripe with its keys, or undefined for the built-in test
 * provider (which `loadEnv` refuses in production; the services make it).
 */
export function paymentProviderFromEnv(env: PaymentSettings): PaymentProvider | undefined {
  if (env.PAYMENT_PROVIDER !== 'stripe') return undefined;
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_PUBLISHABLE_KEY } = env;
  // loadEnv requires all three with PAYMENT_PROVIDER=stripe; this is for an env made by hand.
  if (!STRIPE_SECRET_KEY || !STRIPE_WEBHOOK_SECRET || !STRIPE_PUBLISHABLE_KEY)
    throw new Error(
      'PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PUBLISHABLE_KEY',
    );
  return createStripeProvider({
    secretKey: STRIPE_SECRET_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    publishableKey: STRIPE_PUBLISHABLE_KEY,
    captureMethod: env.STRIPE_CAPTURE,
    ...(env.STRIPE_API_URL ? stripeApiAt(new URL(env.STRIPE_API_URL)) : {}),
  });
}

function stripeApiAt(url: URL) {
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: Number(url.port || (protocol === 'http' ? 80 : 443)),
    protocol,
  } as const;
}
