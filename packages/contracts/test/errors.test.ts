import { TRPCClientError } from '@trpc/client';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { describe, expect, it } from 'vitest';
import { isBazaarError } from '../src/client.ts';
import { bazaarErrorCodes, defaultBazaarErrorCode } from '../src/errors.ts';

const answer = (data: Record<string, unknown>) => ({
  error: { message: 'Only 1 of Mug available', code: -32009, data },
});

describe('isBazaarError', () => {
  it('is true for an error answer from Bazaar, and narrows it to its typed data', () => {
    const error: unknown = TRPCClientError.from(
      answer({ code: 'CONFLICT', appCode: 'OUT_OF_STOCK', httpStatus: 409, fieldErrors: null }),
    );
    expect(isBazaarError(error)).toBe(true);
    if (!isBazaarError(error)) return;
    // Typed: a switch over the app codes compiles only with codes that exist.
    const code: (typeof bazaarErrorCodes)[number] = error.data.appCode;
    expect(code).toBe('OUT_OF_STOCK');
  });

  it('holds for an error made by another copy of the tRPC client (checked by shape)', () => {
    class TRPCClientErrorFromAnotherCopy extends Error {
      override name = 'TRPCClientError';
      data = { code: 'NOT_FOUND', appCode: 'NOT_FOUND', httpStatus: 404 };
    }
    const error = new TRPCClientErrorFromAnotherCopy('Order not found');
    expect(error instanceof TRPCClientError).toBe(false);
    expect(isBazaarError(error)).toBe(true);
  });

  it('is false for a network failure, a server that is not Bazaar and anything else', () => {
    const network = TRPCClientError.from(new TypeError('fetch failed'));
    expect(network.data).toBeUndefined();
    expect(isBazaarError(network)).toBe(false);
    // A tRPC server without Bazaar's app codes.
    expect(isBazaarError(TRPCClientError.from(answer({ code: 'CONFLICT' })))).toBe(false);
    for (const other of [new Error('x'), null, undefined, 'TRPCClientError', { name: 'x' }]) {
      expect(isBazaarError(other)).toBe(false);
    }
  });
});

describe('app codes', () => {
  it('every tRPC code maps to an app code', () => {
    for (const trpcCode of Object.keys(TRPC_ERROR_CODES_BY_KEY)) {
      expect(bazaarErrorCodes, trpcCode).toContain(defaultBazaarErrorCode(trpcCode));
    }
    expect(defaultBazaarErrorCode('UNAUTHORIZED')).toBe('SIGN_IN_REQUIRED');
    expect(defaultBazaarErrorCode('INTERNAL_SERVER_ERROR')).toBe('INTERNAL');
  });

  it('are unique', () => {
    expect(new Set(bazaarErrorCodes).size).toBe(bazaarErrorCodes.length);
  });
});
