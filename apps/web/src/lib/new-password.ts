import { PASSWORD_MIN_LENGTH } from '@bazaar/contracts';
import type { FormErrors } from './form-errors';

/** Under every field where a new password is chosen. */
export const NEW_PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`;

export const PASSWORD_MISMATCH = 'The passwords don’t match';

/** The confirmation field's name in every form that chooses a password. */
export const CONFIRMATION_FIELD = 'confirmPassword';

/** "New password" → "Repeat new password". */
export function confirmationLabel(label: string): string {
  return `Repeat ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/**
 * The confirmation field's error, checked before anything is sent: the two entries must be the
 * same, character for character (no trimming: spaces are part of a password).
 */
export function confirmationError(password: string, confirmation: string): string | undefined {
  return password === confirmation ? undefined : PASSWORD_MISMATCH;
}

/** The form's errors when the repeat does not match (shown on the repeat field), else `null`. */
export function confirmationErrors(
  values: Readonly<Record<string, string>>,
  name = 'password',
): FormErrors | null {
  const error = confirmationError(values[name] ?? '', values[CONFIRMATION_FIELD] ?? '');
  return error ? { fieldErrors: { [CONFIRMATION_FIELD]: [error] } } : null;
}
