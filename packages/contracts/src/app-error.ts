import { type BazaarErrorCode, defaultBazaarErrorCode } from './errors.ts';

/**
 * The one error type services throw for expected failures. The router maps `code`
 * to the tRPC error code of the same name; anything else is an internal error.
 */
export const appErrorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'UNPROCESSABLE_CONTENT',
  'TOO_MANY_REQUESTS',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export interface AppErrorOptions {
  /** Field errors keyed by dotted input path; `''` holds form-level errors. */
  fieldErrors?: Record<string, string[]>;
  /** For TOO_MANY_REQUESTS: seconds until the caller may try again. */
  retryAfterSeconds?: number;
  /** Why, for programs; by default told by `code`. */
  appCode?: BazaarErrorCode;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly appCode: BazaarErrorCode;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.appCode = options.appCode ?? defaultBazaarErrorCode(code);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

/** A validation failure found by a service (not by Zod), reported like Zod's field errors. */
export const invalidField = (field: string, message: string) =>
  new AppError('BAD_REQUEST', message, { fieldErrors: { [field]: [message] } });

export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', 'Too many attempts. Try again later.', {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
  });
