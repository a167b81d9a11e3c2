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
>;

/**
 * The provider PAYMENT_PROVIDER names: Stripe with its keys, otherwise `testProvider` (which
 * `loadEnv` refuses in production).
 */
export function paymentProviderFromEnv(
  env: PaymentSettings,
  testProvider: PaymentProvider,
): PaymentProvider {
  if (env.PAYMENT_PROVIDER !== 'stripe') return testProvider;
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
  });
}
