import { paymentResultInputSchema } from '@bazaar/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getSessionState } from '@/components/account/session';
import { PaymentCompletion } from '@/components/checkout/payment-completion';
import { Container } from '@/components/container';

export const dynamic = 'force-dynamic';

/**
 * The URL carries the payment's client secret: next.config.ts serves this page with
 * `Referrer-Policy: no-referrer` and `Cache-Control: no-store`, and the meta tag repeats it.
 */
export const metadata: Metadata = {
  title: 'Order confirmation',
  robots: { index: false },
  referrer: 'no-referrer',
};

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Where the shopper lands after paying: `?order=<id>&secret=<client secret>`. */
export default async function CheckoutCompletePage({ searchParams }: Props) {
  const { order, secret } = await searchParams;
  const input = paymentResultInputSchema.safeParse({ orderId: order, clientSecret: secret });
  if (!input.success) notFound();
  const session = await getSessionState();
  const customer = session.status === 'signed-in' && session.user.kind === 'customer';
  return (
    <Container className="pt-8 pb-24 sm:pt-12">
      <PaymentCompletion
        orderId={input.data.orderId}
        clientSecret={input.data.clientSecret}
        signedInCustomer={customer}
      />
    </Container>
  );
}
