import { PASSWORD_MIN_LENGTH } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import {
  confirmationError,
  confirmationErrors,
  confirmationLabel,
  NEW_PASSWORD_HINT,
  PASSWORD_MISMATCH,
} from './new-password';

describe('the new password’s confirmation', () => {
  it('passes when both entries are the same', () => {
    expect(confirmationError('Velvet-Anchor-Orbit-42', 'Velvet-Anchor-Orbit-42')).toBeUndefined();
    // Both empty: the API explains what a password needs.
    expect(confirmationError('', '')).toBeUndefined();
  });

  it('fails on any difference, including case, spaces and a missing repeat', () => {
    expect(confirmationError('Velvet-Anchor', 'velvet-anchor')).toBe(PASSWORD_MISMATCH);
    expect(confirmationError('Velvet-Anchor', 'Velvet-Anchor ')).toBe(PASSWORD_MISMATCH);
    expect(confirmationError('Velvet-Anchor', '')).toBe(PASSWORD_MISMATCH);
    expect(confirmationError('', 'Velvet-Anchor')).toBe(PASSWORD_MISMATCH);
  });

  it('is labelled after the password field', () => {
    expect(confirmationLabel('New password')).toBe('Repeat new password');
    expect(confirmationLabel('Password')).toBe('Repeat password');
  });

  it('hints at the API’s minimum length', () => {
    expect(NEW_PASSWORD_HINT).toContain(`At least ${PASSWORD_MIN_LENGTH} characters`);
  });
});

describe('confirmationErrors', () => {
  it('puts a mismatch on the repeat field, reading the form’s own password field', () => {
    expect(
      confirmationErrors({ password: 'Velvet-Anchor', confirmPassword: 'Velvet-Anchr' }),
    ).toEqual({ fieldErrors: { confirmPassword: [PASSWORD_MISMATCH] } });
    expect(
      confirmationErrors({ newPassword: 'Velvet-Anchor', confirmPassword: 'x' }, 'newPassword'),
    ).toEqual({ fieldErrors: { confirmPassword: [PASSWORD_MISMATCH] } });
  });

  it('is null when they match, or the form has neither field yet', () => {
    expect(confirmationErrors({ password: 'same', confirmPassword: 'same' })).toBeNull();
    expect(confirmationErrors({})).toBeNull();
    expect(
      confirmationErrors({ newPassword: 'same', confirmPassword: 'same' }, 'newPassword'),
    ).toBeNull();
  });
});
