/**
 * Why a call failed, for programs to `switch` on: every error answer carries one as
 * `data.appCode`, next to tRPC's `data.code` (the kind of failure and its HTTP status) and
 * `data.fieldErrors`. These names are stable; new ones may be added.
 */
export const bazaarErrorCodes = [
  /** A field is wrong: `data.fieldErrors` says which and why. */
  'INVALID_INPUT',
  /** The request itself is malformed: wrong method, body too large, not JSON. */
  'INVALID_REQUEST',
  /** A browser request from another site, or a mutation without a JSON body (CSRF guard). */
  'CROSS_SITE_REFUSED',
  'SIGN_IN_REQUIRED',
  /** The bearer token is not a live API key: unknown, malformed, revoked or expired. */
  'INVALID_API_KEY',
  'PERMISSION_DENIED',
  /** Too many attempts: `data.retryAfterSeconds` says when to try again. */
  'RATE_LIMITED',
  'NOT_FOUND',
  'INVALID_CREDENTIALS',
  'EMAIL_TAKEN',
  'TWO_FACTOR_ALREADY_ENABLED',
  'TWO_FACTOR_NOT_STARTED',
  /** Fewer in stock than asked for (or none): `data.fieldErrors.quantity` says how many. */
  'OUT_OF_STOCK',
  'NOT_SOLD_IN_CURRENCY',
  /** A cart, address book or line is full. */
  'LIMIT_REACHED',
  /** Someone else changed or took it first: read it again and retry. */
  'CHANGED_CONCURRENTLY',
  /** Still used by something else (products in a category, orders of a code): cannot go. */
  'IN_USE',
  'CART_EMPTY',
  'CART_ALREADY_ORDERED',
  /** The cart or its total changed since it was reviewed: review it again. */
  'CART_CHANGED',
  /** This idempotency key was used for a different order. */
  'IDEMPOTENCY_CONFLICT',
  'DISCOUNT_UNAVAILABLE',
  /** The order is in a state that does not allow this (cancel a shipped order…). */
  'ORDER_STATE_CONFLICT',
  /** Another rule of the shop refuses it; the message says which. */
  'NOT_ALLOWED',
  /** A failure on the server; the message says no more. */
  'INTERNAL',
] as const;
export type BazaarErrorCode = (typeof bazaarErrorCodes)[number];

/** The app code of a failure that names none: told by its tRPC code. */
export function defaultBazaarErrorCode(trpcCode: string): BazaarErrorCode {
  switch (trpcCode) {
    case 'BAD_REQUEST':
    case 'PARSE_ERROR':
      return 'INVALID_INPUT';
    case 'UNAUTHORIZED':
      return 'SIGN_IN_REQUIRED';
    case 'FORBIDDEN':
      return 'PERMISSION_DENIED';
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'TOO_MANY_REQUESTS':
      return 'RATE_LIMITED';
    case 'METHOD_NOT_SUPPORTED':
    case 'PAYLOAD_TOO_LARGE':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'INVALID_REQUEST';
    case 'CONFLICT':
    case 'PRECONDITION_FAILED':
    case 'UNPROCESSABLE_CONTENT':
      return 'NOT_ALLOWED';
    default:
      return 'INTERNAL';
  }
}
