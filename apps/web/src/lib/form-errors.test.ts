import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import {
  errorCode,
  fieldError,
  formatRetryAfter,
  formErrors,
  NETWORK_ERROR_MESSAGE,
  SERVER_ERROR_MESSAGE,
  tooManyRequestsMessage,
} from './form-errors';

/** A failed call as the tRPC client reports it, with the API's `data`. */
function apiError(message: string, data?: Record<string, unknown>) {
  return new TRPCClientError(message, {
    result: data ? { error: { code: -32600, message, data } } : undefined,
  } as never);
}

describe('formatRetryAfter', () => {
  it('rounds up to the largest sensible unit', () => {
    expect(formatRetryAfter(0)).toBe('1 second');
    expect(formatRetryAfter(1)).toBe('1 second');
    expect(formatRetryAfter(1.2)).toBe('2 seconds');
    expect(formatRetryAfter(59)).toBe('59 seconds');
    expect(formatRetryAfter(60)).toBe('1 minute');
    expect(formatRetryAfter(61)).toBe('2 minutes');
    expect(formatRetryAfter(3540)).toBe('59 minutes');
    expect(formatRetryAfter(3541)).toBe('1 hour');
    expect(formatRetryAfter(3600)).toBe('1 hour');
    expect(formatRetryAfter(3601)).toBe('2 hours');
  });
});

describe('tooManyRequestsMessage', () => {
  it('says when to try again, when the API said', () => {
    expect(tooManyRequestsMessage(900)).toBe('Too many attempts. Please try again in 15 minutes.');
    expect(tooManyRequestsMessage(null)).toBe(
      'Too many attempts. Please wait a little and try again.',
    );
    expect(tooManyRequestsMessage(0)).toBe(
      'Too many attempts. Please wait a little and try again.',
    );
  });
});

describe('errorCode', () => {
  it('reads the tRPC code of a failed call', () => {
    expect(errorCode(apiError('Nope', { code: 'UNAUTHORIZED' }))).toBe('UNAUTHORIZED');
  });

  it('is undefined for anything else', () => {
    expect(errorCode(new Error('boom'))).toBeUndefined();
    expect(errorCode(apiError('offline'))).toBeUndefined();
    expect(errorCode({ data: { code: 'UNAUTHORIZED' } })).toBeUndefined();
  });
});

describe('formErrors', () => {
  it('puts field errors next to their fields', () => {
    const error = apiError('[{…zod…}]', {
      code: 'BAD_REQUEST',
      fieldErrors: { email: ['Enter a valid email'], password: ['Too short', 'Too common'] },
    });
    expect(formErrors(error)).toEqual({
      fieldErrors: { email: ['Enter a valid email'], password: ['Too short', 'Too common'] },
    });
  });

  it('folds errors of fields the form does not show into the form’s message', () => {
    const error = apiError('[{…zod…}]', {
      code: 'BAD_REQUEST',
      fieldErrors: { token: ['This link is malformed'], password: ['Too short'], '': ['Bad'] },
    });
    expect(formErrors(error, { fields: ['password'] })).toEqual({
      formError: 'This link is malformed Bad',
      fieldErrors: { password: ['Too short'] },
    });
  });

  it('does not repeat the same form-level message', () => {
    const error = apiError('x', {
      code: 'BAD_REQUEST',
      fieldErrors: { a: ['Same'], b: ['Same'] },
    });
    expect(formErrors(error, { fields: [] }).formError).toBe('Same');
  });

  it('strips a path prefix, and merges messages that land on one field', () => {
    const error = apiError('x', {
      code: 'BAD_REQUEST',
      fieldErrors: { 'address.line1': ['Enter the street address'], line1: ['Too long'] },
    });
    expect(formErrors(error, { prefix: 'address.', fields: ['line1'] })).toEqual({
      fieldErrors: { line1: ['Enter the street address', 'Too long'] },
    });
  });

  it('skips empty or malformed message lists', () => {
    const error = apiError('Incorrect email or password', {
      code: 'UNAUTHORIZED',
      fieldErrors: { email: [], password: 'not a list' },
    });
    expect(formErrors(error)).toEqual({
      formError: 'Incorrect email or password',
      fieldErrors: {},
    });
  });

  it('uses the API’s message when there are no field errors', () => {
    const error = apiError('Incorrect email or password', { code: 'UNAUTHORIZED' });
    expect(formErrors(error)).toEqual({
      formError: 'Incorrect email or password',
      fieldErrors: {},
    });
  });

  it('says when to retry after too many attempts', () => {
    const error = apiError('Too many', { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 120 });
    expect(formErrors(error).formError).toBe('Too many attempts. Please try again in 2 minutes.');
  });

  it('never shows the details of an internal error', () => {
    const error = apiError('relation "users" does not exist', {
      code: 'INTERNAL_SERVER_ERROR',
      fieldErrors: { email: ['leak'] },
    });
    expect(formErrors(error)).toEqual({ formError: SERVER_ERROR_MESSAGE, fieldErrors: {} });
  });

  it('reports a call that never got a tRPC answer as a network failure', () => {
    expect(formErrors(apiError('Failed to fetch'))).toEqual({
      formError: NETWORK_ERROR_MESSAGE,
      fieldErrors: {},
    });
  });

  it('reports anything that is not a tRPC error generically', () => {
    expect(formErrors(new Error('TypeError: x is undefined'))).toEqual({
      formError: SERVER_ERROR_MESSAGE,
      fieldErrors: {},
    });
  });
});

describe('fieldError', () => {
  it('is the first message for the field', () => {
    const errors = { fieldErrors: { password: ['Too short', 'Too common'] } };
    expect(fieldError(errors, 'password')).toBe('Too short');
    expect(fieldError(errors, 'email')).toBeUndefined();
    expect(fieldError(null, 'email')).toBeUndefined();
  });
});
