import type { CheckoutQuote, OrderAddress, PlacedOrder, PlaceOrderInput } from '@bazaar/contracts';
import { errorCode, type FormErrors } from './form-errors';

// ── Steps ───────────────────────────────────────────────────────────────────────

export const CHECKOUT_STEPS = [
  { id: 'contact', title: 'Contact' },
  { id: 'address', title: 'Shipping address' },
  { id: 'shipping', title: 'Shipping method' },
  { id: 'payment', title: 'Payment' },
  { id: 'review', title: 'Review' },
] as const;

export type CheckoutStepId = (typeof CHECKOUT_STEPS)[number]['id'];

export const stepIndex = (id: CheckoutStepId) => CHECKOUT_STEPS.findIndex((s) => s.id === id);

/** Where "Continue" leads from a finished step: the first step not done yet, else the review. */
export function nextStep(
  from: CheckoutStepId,
  done: Readonly<Record<CheckoutStepId, boolean>>,
): CheckoutStepId {
  return (
    CHECKOUT_STEPS.find((s) => s.id !== 'review' && s.id !== from && !done[s.id])?.id ?? 'review'
  );
}

/** For queries: retry only calls that got no answer at all; the API's refusals are final. */
export const retryUnanswered = (failureCount: number, error: unknown) =>
  errorCode(error) === undefined && failureCount < 2;

// ── Payment ─────────────────────────────────────────────────────────────────────

/** The offline test provider's cards (the API decides what each one does). */
export const TEST_CARDS = [
  { number: '4242 4242 4242 4242', outcome: 'succeeds' },
  { number: '4000 0000 0000 0002', outcome: 'is declined' },
  { number: '4000 0000 0000 9995', outcome: 'has insufficient funds' },
] as const;

/** "4242 4242 4242 4242" → "•••• 4242": how a card number is repeated back to the shopper. */
export function maskedCard(cardNumber: string): string {
  const digits = cardNumber.replace(/\D/g, '');
  return digits.length >= 4 ? `•••• ${digits.slice(-4)}` : '••••';
}

/** The confirmation page of a placed order; the client secret is the payer's proof. */
export function completeHref(placed: { id: string; clientSecret: string }): string {
  const query = new URLSearchParams({ order: placed.id, secret: placed.clientSecret });
  return `/checkout/complete?${query}`;
}

// ── Money words ────────────────────────────────────────────────────────────────

/** 1900 → "19%", 725 → "7.25%". */
export function formatRate(rateBps: number): string {
  return `${Number((rateBps / 100).toFixed(2))}%`;
}

/** "VAT 19% (included)", "Sales tax 7.25%", "Tax": the tax row's label. */
export function taxLabel(tax: { name: string; rateBps: number; included: boolean }): string {
  if (tax.rateBps === 0) return 'Tax';
  const name = `${tax.name || 'Tax'} ${formatRate(tax.rateBps)}`;
  return tax.included ? `${name} (included)` : name;
}

/** The sentence under the totals that says how the tax adds up. */
export function taxNote(tax: { included: boolean; rateBps: number }): string {
  if (tax.rateBps === 0) return 'No tax applies to this address.';
  return tax.included
    ? 'Prices include tax; it is part of the total, not added to it.'
    : 'Tax is added to the prices.';
}

// ── Errors ─────────────────────────────────────────────────────────────────────

/** Field errors from a Zod schema's issues, keyed by path (`shippingAddress.city`). */
export function issuesToErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FormErrors {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
  }
  return { fieldErrors };
}

/** Errors of one step of the checkout, keyed by that step's own field names. */
export type StepErrors = Partial<Record<CheckoutStepId, FormErrors>>;

/**
 * Splits `checkout.placeOrder`'s errors (keyed by input path) over the steps that ask for
 * them: `email` → contact, `shippingAddress.*` → address, `shippingMethodId` → shipping,
 * `discountCode` → review; anything else (`expectedTotal`, `idempotencyKey`, the form's own
 * message) is said on the review step.
 */
export function splitPlaceOrderErrors(errors: FormErrors): StepErrors {
  const out: StepErrors = {};
  const add = (step: CheckoutStepId, field: string | null, messages: string[]) => {
    const target = out[step] ?? { fieldErrors: {} };
    if (field === null) {
      target.formError = [target.formError, ...messages].filter(Boolean).join(' ');
    } else {
      target.fieldErrors[field] = [...(target.fieldErrors[field] ?? []), ...messages];
    }
    out[step] = target;
  };
  for (const [path, messages] of Object.entries(errors.fieldErrors)) {
    if (path === 'email') add('contact', 'email', messages);
    else if (path.startsWith('shippingAddress.')) {
      add('address', path.slice('shippingAddress.'.length), messages);
    } else if (path === 'shippingMethodId') add('shipping', 'shippingMethodId', messages);
    else if (path === 'discountCode') add('review', 'discountCode', messages);
    else add('review', null, messages);
  }
  if (errors.formError) add('review', null, [errors.formError]);
  return out;
}

/** The earliest step with something to fix. */
export function firstStepWithErrors(errors: StepErrors): CheckoutStepId | null {
  return CHECKOUT_STEPS.find((s) => errors[s.id])?.id ?? null;
}

// ── The attempt (idempotency) ──────────────────────────────────────────────────

/** The part of `sessionStorage` this needs (so tests can pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const ATTEMPT_STORAGE_KEY = 'bazaar.checkout.attempt';

export type PlaceOrderRequestBody = Omit<PlaceOrderInput, 'idempotencyKey'>;

/**
 * One try at placing the order: the idempotency key made for it, the exact request it was sent
 * with (the API replays the same order for the same key and request) and, once answered, the
 * order and the payment's client secret. Kept in `sessionStorage` until the attempt ends (paid,
 * declined or refused), so a refresh or a double click never places a second order.
 */
export interface CheckoutAttempt {
  key: string;
  request: PlaceOrderRequestBody;
  placed: {
    id: string;
    number: number;
    clientSecret: string;
    provider: PlacedOrder['payment']['provider'];
  } | null;
}

function isAttempt(value: unknown): value is CheckoutAttempt {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.key === 'string' &&
    typeof v.request === 'object' &&
    v.request !== null &&
    (v.placed === null || typeof v.placed === 'object')
  );
}

export function readAttempt(storage: KeyValueStorage): CheckoutAttempt | null {
  try {
    const raw = storage.getItem(ATTEMPT_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isAttempt(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveAttempt(storage: KeyValueStorage, attempt: CheckoutAttempt): void {
  try {
    storage.setItem(ATTEMPT_STORAGE_KEY, JSON.stringify(attempt));
  } catch {
    // Storage full or blocked: the attempt still works, only a refresh would not re-use it.
  }
}

export function endAttempt(storage: KeyValueStorage): void {
  try {
    storage.removeItem(ATTEMPT_STORAGE_KEY);
  } catch {
    // Nothing to do.
  }
}

/** JSON with sorted keys, so two equal requests compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export const sameRequest = (a: PlaceOrderRequestBody, b: PlaceOrderRequestBody) =>
  canonical(a) === canonical(b);

/**
 * The attempt to send `request` with: the stored one when it is for this very request (a retry,
 * a double click, a refresh), otherwise a new one with a fresh key.
 */
export function attemptFor(
  storage: KeyValueStorage,
  request: PlaceOrderRequestBody,
  makeKey: () => string,
): CheckoutAttempt {
  const stored = readAttempt(storage);
  if (stored && sameRequest(stored.request, request)) return stored;
  const attempt: CheckoutAttempt = { key: makeKey(), request, placed: null };
  saveAttempt(storage, attempt);
  return attempt;
}

// ── Addresses ──────────────────────────────────────────────────────────────────

/** A saved address (or anything shaped like one) as the order's shipping address. */
export function shippingAddressOf(address: OrderAddress): OrderAddress {
  return {
    fullName: address.fullName,
    company: address.company,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postalCode: address.postalCode,
    country: address.country,
    phone: address.phone,
  };
}

/** The quote's chosen shipping option, if any. */
export const chosenOption = (quote: CheckoutQuote) =>
  quote.shippingOptions.find((o) => o.id === quote.shippingMethodId) ?? null;

// ── The draft (what was entered, across a refresh) ─────────────────────────────

export const DRAFT_STORAGE_KEY = 'bazaar.checkout.draft';

/**
 * What the shopper has entered so far, kept in `sessionStorage` (this tab only, gone when it
 * closes) so a refresh does not start the checkout over. Never the card number. `owner` is the
 * signed-in email (null for a guest): a draft is only restored for whoever made it.
 */
export interface CheckoutDraft {
  owner: string | null;
  email: string | null;
  destination: { address: OrderAddress; savedId: string | null } | null;
  shippingMethodId: string | null;
  shippingConfirmed: boolean;
  discountCode: string | null;
}

export function readDraft(storage: KeyValueStorage, owner: string | null): CheckoutDraft | null {
  try {
    const raw = storage.getItem(DRAFT_STORAGE_KEY);
    if (!raw) return null;
    const draft = JSON.parse(raw) as CheckoutDraft;
    if (typeof draft !== 'object' || draft === null || draft.owner !== owner) return null;
    return draft;
  } catch {
    return null;
  }
}

export function saveDraft(storage: KeyValueStorage, draft: CheckoutDraft): void {
  try {
    storage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: a refresh starts over, nothing worse.
  }
}

export function clearDraft(storage: KeyValueStorage): void {
  try {
    storage.removeItem(DRAFT_STORAGE_KEY);
  } catch {
    // Nothing to do.
  }
}

/** The draft an attempt was sent with (to pick the checkout up again after a failed payment). */
export function draftOfRequest(
  request: PlaceOrderRequestBody,
  owner: string | null,
): CheckoutDraft {
  return {
    owner,
    email: request.email,
    destination: {
      address: shippingAddressOf(request.shippingAddress as OrderAddress),
      savedId: null,
    },
    shippingMethodId: request.shippingMethodId,
    shippingConfirmed: true,
    discountCode: request.discountCode ?? null,
  };
}
