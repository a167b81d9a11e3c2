import { AppError } from '@bazaar/contracts/server';

/** When a rate-limited caller may come back: the first refusal's `Retry-After` seconds, if any. */
export function retryAfterOf(errors: readonly { cause?: unknown }[]): string | undefined {
  const seconds = errors
    .map((e) => (e.cause instanceof AppError ? e.cause.retryAfterSeconds : undefined))
    .find((s) => s !== undefined);
  return seconds ? String(seconds) : undefined;
}
