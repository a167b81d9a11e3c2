import type { PaymentFailure } from './provider.ts';

/** The test provider's cards, numbered as Stripe's test cards are. */
export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

/** What paying with `cardNumber` does: null succeeds, otherwise the decline. */
export function testCardOutcome(cardNumber: string): PaymentFailure | null {
  switch (cardNumber) {
    case TEST_CARDS.success:
      return null;
    case TEST_CARDS.declined:
      return { code: 'card_declined', message: 'Your card was declined.' };
    case TEST_CARDS.insufficientFunds:
      return { code: 'insufficient_funds', message: 'Your card has insufficient funds.' };
    default:
      return {
        code: 'incorrect_number',
        message:
          'Use a test card: 4242 4242 4242 4242 succeeds (this shop takes no real payments).',
      };
  }
}
