import { type ComponentProps, type ReactNode, useId } from 'react';
import { inputClass } from './styles';

/** The error marker under a field; the control's `aria-describedby` points at its id. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-red-700 text-sm">
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="mt-0.5 size-4 shrink-0"
        fill="currentColor"
      >
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      {message}
    </p>
  );
}

interface FieldFrameProps {
  label: ReactNode;
  error?: string | undefined;
  /** Help under the control (so fields side by side stay aligned), also in its description. */
  hint?: ReactNode;
  /** Marks the field as optional (inputs are checked by the API, not the browser). */
  optional?: boolean;
  /** Keeps the label for assistive technology only (e.g. a select inside a table row). */
  hideLabel?: boolean;
  className?: string | undefined;
}

/** What a control needs to be tied to its label, hint and error. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A label, its control, a hint and an error, wired together: the label names the control, and
 * the error (then the hint) describe it; an error also marks it `aria-invalid`.
 */
function FieldFrame({
  label,
  error,
  hint,
  optional,
  hideLabel,
  className,
  children,
}: FieldFrameProps & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label
        htmlFor={id}
        className={
          hideLabel ? 'sr-only' : 'flex items-baseline gap-2 font-medium text-sm text-stone-800'
        }
      >
        {label}
        {optional ? <span className="font-normal text-stone-500 text-xs">Optional</span> : null}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {errorId ? <FieldError id={errorId} message={error} /> : null}
      {hint ? (
        <p id={hintId} className="mt-1.5 text-stone-500 text-xs">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type InputFieldProps = FieldFrameProps &
  Omit<ComponentProps<'input'>, 'id' | 'name' | 'children' | 'className'> & { name: string };

export function TextField({
  label,
  error,
  hint,
  optional,
  hideLabel,
  className,
  ...input
}: InputFieldProps) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      optional={optional}
      hideLabel={hideLabel}
      className={className}
    >
      {(control) => (
        <input {...control} className={`${hideLabel ? '' : 'mt-1.5'} ${inputClass}`} {...input} />
      )}
    </FieldFrame>
  );
}

/** An email address: the email keyboard, autofill and no spell-checking. */
export function EmailField({
  label = 'Email',
  name = 'email',
  ...props
}: Omit<InputFieldProps, 'label' | 'name' | 'type'> & { label?: string; name?: string }) {
  return (
    <TextField
      label={label}
      name={name}
      type="email"
      autoComplete="email"
      inputMode="email"
      spellCheck={false}
      {...props}
    />
  );
}

/** A password: the current one (`current-password`) or one being chosen (`new-password`). */
export function PasswordField(
  props: Omit<InputFieldProps, 'type' | 'autoComplete'> & {
    autoComplete: 'current-password' | 'new-password';
  },
) {
  return <TextField type="password" autoCapitalize="none" spellCheck={false} {...props} />;
}

type SelectFieldProps = FieldFrameProps &
  Omit<ComponentProps<'select'>, 'id' | 'className'> & { name?: string };

export function SelectField({
  label,
  error,
  hint,
  optional,
  hideLabel,
  className,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      optional={optional}
      hideLabel={hideLabel}
      className={className}
    >
      {(control) => (
        <div className={`relative ${hideLabel ? '' : 'mt-1.5'}`}>
          <select
            {...control}
            className={`${inputClass} appearance-none pr-9 compact:pr-9`}
            {...select}
          >
            {children}
          </select>
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            fill="currentColor"
            className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-stone-500"
          >
            <path
              fillRule="evenodd"
              d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
              clipRule="evenodd"
            />
          </svg>
        </div>
      )}
    </FieldFrame>
  );
}
