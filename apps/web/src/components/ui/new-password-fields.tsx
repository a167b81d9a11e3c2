import { PASSWORD_MIN_LENGTH } from '@bazaar/contracts';
import { CONFIRMATION_FIELD, confirmationLabel, NEW_PASSWORD_HINT } from '@/lib/new-password';
import { PasswordField } from './field';

/**
 * The two fields of every form that chooses a password (sign-up, reset, change, accepting an
 * invitation): the password with advice on a strong one, and its repeat, named
 * `confirmPassword`. The form checks them with `confirmationErrors` before sending anything.
 * A fragment, so the form's own layout (a column, a grid) places both fields.
 */
export function NewPasswordFields({
  label = 'New password',
  name = 'password',
  error,
  confirmationError,
}: {
  label?: string;
  name?: string;
  error: string | undefined;
  confirmationError: string | undefined;
}) {
  return (
    <>
      <PasswordField
        label={label}
        name={name}
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        hint={NEW_PASSWORD_HINT}
        error={error}
      />
      <PasswordField
        label={confirmationLabel(label)}
        name={CONFIRMATION_FIELD}
        autoComplete="new-password"
        error={confirmationError}
      />
    </>
  );
}
