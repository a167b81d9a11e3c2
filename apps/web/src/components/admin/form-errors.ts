import { TRPCClientError } from '@trpc/client';

/** What a failed mutation means for a form: one message per field, and one for the form. */
export interface FormErrors {
  formError?: string;
  fieldErrors: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { fieldErrors: {} };

interface ErrorData {
  code?: string;
  fieldErrors?: Record<string, string[]> | null;
  retryAfterSeconds?: number | null;
}

function errorData(error: unknown): ErrorData | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null ? (data as ErrorData) : undefined;
}

/** The tRPC error code (`UNAUTHORIZED`, `FORBIDDEN`, …) of a failed call, if it was one. */
export function errorCode(error: unknown): string | undefined {
  return errorData(error)?.code;
}

function waitFor(seconds: number) {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Turns a failed tRPC call into form errors. Field errors are keyed by input path; those for
 * fields the form does not show (and the form-level `''` key) become the form's message.
 */
export function toFormErrors(error: unknown, fields: readonly string[] = []): FormErrors {
  const data = errorData(error);
  if (!data) {
    return {
      formError: 'We couldn’t reach the server. Check your connection and try again.',
      fieldErrors: {},
    };
  }
  if (data.code === 'INTERNAL_SERVER_ERROR') {
    return { formError: 'Something went wrong on our side. Please try again.', fieldErrors: {} };
  }
  if (data.code === 'TOO_MANY_REQUESTS') {
    const wait = data.retryAfterSeconds;
    return {
      formError: wait
        ? `Too many attempts. Try again in ${waitFor(wait)}.`
        : 'Too many attempts. Try again later.',
      fieldErrors: {},
    };
  }
  const fieldErrors: Record<string, string> = {};
  const other: string[] = [];
  for (const [path, messages] of Object.entries(data.fieldErrors ?? {})) {
    const message = messages[0];
    if (!message) continue;
    if (fields.includes(path)) fieldErrors[path] ??= message;
    else other.push(message);
  }
  const message = error instanceof Error ? error.message : undefined;
  const formError =
    other[0] ??
    (Object.keys(fieldErrors).length === 0 ? message || 'That didn’t work. Please try again.' : '');
  return formError ? { formError, fieldErrors } : { fieldErrors };
}
