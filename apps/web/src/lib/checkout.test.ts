import { describe, expect, it } from 'vitest';
import {
  ATTEMPT_STORAGE_KEY,
  attemptFor,
  clearDraft,
  completeHref,
  draftOfRequest,
  endAttempt,
  firstStepWithErrors,
  formatRate,
  issuesToErrors,
  type KeyValueStorage,
  maskedCard,
  nextStep,
  type PlaceOrderRequestBody,
  readAttempt,
  readDraft,
  saveAttempt,
  saveDraft,
  splitPlaceOrderErrors,
  taxLabel,
} from './checkout';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const request: PlaceOrderRequestBody = {
  email: 'ada@example.com',
  shippingAddress: {
    fullName: 'Ada',
    company: '',
    line1: 'Main St 1',
    line2: '',
    city: 'Berlin',
    region: '',
    postalCode: '10115',
    country: 'DE',
    phone: '',
  },
  shippingMethodId: '00000000-0000-4000-8000-000000000001',
  expectedTotal: { amount: 2495, currency: 'EUR' },
};

describe('nextStep', () => {
  const none = { contact: false, address: false, shipping: false, payment: false, review: false };
  it('moves on to the first step not done yet', () => {
    expect(nextStep('contact', { ...none, contact: true })).toBe('address');
    expect(nextStep('address', { ...none, contact: true, address: true })).toBe('shipping');
  });
  it('goes back to the review after editing a step when the rest is done', () => {
    const all = { contact: true, address: true, shipping: true, payment: true, review: false };
    expect(nextStep('contact', all)).toBe('review');
    expect(nextStep('address', { ...all, shipping: false })).toBe('shipping');
  });
});

describe('the attempt', () => {
  it('keeps one key for the same request and makes a new one for another', () => {
    const storage = memoryStorage();
    let n = 0;
    const makeKey = () => `key-${++n}-0123456789abcdef`;
    const first = attemptFor(storage, request, makeKey);
    expect(first.key).toBe('key-1-0123456789abcdef');
    // A refresh or a double click: the same key.
    expect(attemptFor(storage, { ...request }, makeKey).key).toBe(first.key);
    // Key order does not matter.
    const reordered = { expectedTotal: request.expectedTotal, ...request };
    expect(attemptFor(storage, reordered, makeKey).key).toBe(first.key);
    // Another request: another key.
    const other = attemptFor(storage, { ...request, discountCode: 'WELCOME10' }, makeKey);
    expect(other.key).toBe('key-2-0123456789abcdef');
    endAttempt(storage);
    expect(readAttempt(storage)).toBeNull();
    expect(attemptFor(storage, request, makeKey).key).toBe('key-3-0123456789abcdef');
  });

  it('remembers the placed order', () => {
    const storage = memoryStorage();
    const attempt = attemptFor(storage, request, () => 'k'.repeat(20));
    saveAttempt(storage, {
      ...attempt,
      placed: { id: 'o', number: 1001, clientSecret: 'secret_1234567', provider: 'test' },
    });
    expect(readAttempt(storage)?.placed?.number).toBe(1001);
  });

  it('ignores what it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem(ATTEMPT_STORAGE_KEY, '{nope');
    expect(readAttempt(storage)).toBeNull();
    storage.setItem(ATTEMPT_STORAGE_KEY, JSON.stringify({ key: 1 }));
    expect(readAttempt(storage)).toBeNull();
  });
});

describe('splitPlaceOrderErrors', () => {
  it('sends each error to the step that asks for the field', () => {
    const split = splitPlaceOrderErrors({
      fieldErrors: {
        email: ['Enter a valid email address'],
        'shippingAddress.city': ['Enter the city'],
        shippingMethodId: ['Not available'],
        discountCode: ['Unknown code'],
        expectedTotal: ['Odd'],
      },
    });
    expect(split.contact?.fieldErrors.email).toEqual(['Enter a valid email address']);
    expect(split.address?.fieldErrors.city).toEqual(['Enter the city']);
    expect(split.shipping?.fieldErrors.shippingMethodId).toEqual(['Not available']);
    expect(split.review?.fieldErrors.discountCode).toEqual(['Unknown code']);
    expect(split.review?.formError).toBe('Odd');
    expect(firstStepWithErrors(split)).toBe('contact');
  });

  it('keeps a form-level message on the review step', () => {
    const split = splitPlaceOrderErrors({ formError: 'Sold out', fieldErrors: {} });
    expect(split).toEqual({ review: { formError: 'Sold out', fieldErrors: {} } });
    expect(firstStepWithErrors({})).toBeNull();
  });
});

describe('words', () => {
  it('formats rates and tax labels', () => {
    expect(formatRate(1900)).toBe('19%');
    expect(formatRate(725)).toBe('7.25%');
    expect(taxLabel({ name: 'VAT', rateBps: 1900, included: true })).toBe('VAT 19% (included)');
    expect(taxLabel({ name: 'Sales tax', rateBps: 725, included: false })).toBe('Sales tax 7.25%');
    expect(taxLabel({ name: '', rateBps: 0, included: true })).toBe('Tax');
  });

  it('masks card numbers and builds the confirmation link', () => {
    expect(maskedCard('4242 4242 4242 4242')).toBe('•••• 4242');
    expect(completeHref({ id: 'abc', clientSecret: 's_1' })).toBe(
      '/checkout/complete?order=abc&secret=s_1',
    );
  });

  it('turns schema issues into field errors', () => {
    expect(
      issuesToErrors([
        { path: ['shippingAddress', 'city'], message: 'Enter the city' },
        { path: ['email'], message: 'A' },
        { path: ['email'], message: 'B' },
      ]),
    ).toEqual({ fieldErrors: { 'shippingAddress.city': ['Enter the city'], email: ['A', 'B'] } });
  });
});

describe('the draft', () => {
  it('is restored only for whoever made it', () => {
    const storage = memoryStorage();
    const draft = draftOfRequest(request, null);
    saveDraft(storage, draft);
    expect(readDraft(storage, null)).toEqual(draft);
    expect(readDraft(storage, 'someone@example.com')).toBeNull();
    clearDraft(storage);
    expect(readDraft(storage, null)).toBeNull();
  });

  it('picks up the request of an attempt', () => {
    const draft = draftOfRequest({ ...request, discountCode: 'WELCOME10' }, 'ada@example.com');
    expect(draft.email).toBe('ada@example.com');
    expect(draft.destination?.address.city).toBe('Berlin');
    expect(draft.shippingConfirmed).toBe(true);
    expect(draft.discountCode).toBe('WELCOME10');
  });
});
