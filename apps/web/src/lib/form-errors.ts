import { TRPCClientError } from '@trpc/client';

/** What a form shows after a failed call: one message for the form, and messages per field. */
export interface FormErrors {
  /** Shown above or below the form (e.g. "Incorrect email or password"). */
  formError?: string;
  /** Keyed by the form's own field names (after `prefix` is stripped). */
  fieldErrors: Record<string, string[]>;
}

export interface FormErrorOptions {
  /**
   * The fields the form shows errors next to. Errors for any other path (a hidden token, an id)
   * are folded into `formError` so they are never lost. Omit to keep every path as a field error.
   */
  fields?: readonly string[];
  /** Input path prefix to strip, e.g. `address.` for `{ id, address: {...} }` inputs. */
  prefix?: string;
}

export const NETWORK_ERROR_MESSAGE =
  'We couldn’t reach the shop. Check your connection and try again.';
export const SERVER_ERROR_MESSAGE = 'Something went wrong on our side. Please try again.';

/** "30 seconds", "1 minute", "5 minutes", "2 hours". */
export function formatRetryAfter(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (s < 60) return unit(s, 'second');
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  return unit(Math.ceil(minutes / 60), 'hour');
}

export function tooManyRequestsMessage(retryAfterSeconds: number | null | undefined): string {
  return retryAfterSeconds
    ? `Too many attempts. Please try again in ${formatRetryAfter(retryAfterSeconds)}.`
    : 'Too many attempts. Please wait a little and try again.';
}

interface ErrorData {
  code?: string;
  fieldErrors?: Record<string, string[]> | null;
  retryAfterSeconds?: number | null;
}

function errorData(error: { readonly data?: unknown }): ErrorData | null {
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null) return null;
  const { code, fieldErrors, retryAfterSeconds } = data as Record<string, unknown>;
  return {
    code: typeof code === 'string' ? code : undefined,
    fieldErrors:
      typeof fieldErrors === 'object' && fieldErrors !== null
        ? (fieldErrors as Record<string, string[]>)
        : null,
    retryAfterSeconds: typeof retryAfterSeconds === 'number' ? retryAfterSeconds : null,
  };
}

/** The tRPC error code (`UNAUTHORIZED`, `CONFLICT`, …) of a failed call, if it was one. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return errorData(error)?.code;
}

/**
 * Turns a failed tRPC call into what a form displays. Field errors come from the API's
 * `data.fieldErrors` (Zod paths like `email` or `address.line1`; `''` is form-level);
 * TOO_MANY_REQUESTS says when to retry; internal and network failures get a generic message
 * (the API never sends details of those).
 */
export function formErrors(error: unknown, options: FormErrorOptions = {}): FormErrors {
  if (!(error instanceof TRPCClientError)) {
    return { formError: SERVER_ERROR_MESSAGE, fieldErrors: {} };
  }
  const data = errorData(error);
  // No `data`: the request never got a tRPC answer (offline, proxy error, HTML error page).
  if (!data?.code) return { formError: NETWORK_ERROR_MESSAGE, fieldErrors: {} };
  if (data.code === 'TOO_MANY_REQUESTS') {
    return { formError: tooManyRequestsMessage(data.retryAfterSeconds), fieldErrors: {} };
  }
  if (data.code === 'INTERNAL_SERVER_ERROR') {
    return { formError: SERVER_ERROR_MESSAGE, fieldErrors: {} };
  }

  const fieldErrors: Record<string, string[]> = {};
  const formMessages: string[] = [];
  const { fields, prefix = '' } = options;
  for (const [path, messages] of Object.entries(data.fieldErrors ?? {})) {
    if (!Array.isArray(messages) || messages.length === 0) continue;
    const field = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    if (field === '' || (fields && !fields.includes(field))) formMessages.push(...messages);
    else fieldErrors[field] = [...(fieldErrors[field] ?? []), ...messages];
  }

  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  let formError: string | undefined;
  if (formMessages.length > 0) formError = [...new Set(formMessages)].join(' ');
  // With field errors the message is a summary of them (for Zod failures, a JSON dump).
  else if (!hasFieldErrors) formError = error.message || SERVER_ERROR_MESSAGE;
  return formError === undefined ? { fieldErrors } : { formError, fieldErrors };
}

/** The first message for `field`, for showing under an input. */
export function fieldError(errors: FormErrors | null | undefined, field: string) {
  return errors?.fieldErrors[field]?.[0];
}
