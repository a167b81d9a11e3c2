'use client';

import {
  type ComponentPropsWithoutRef,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
} from 'react';
import type { FormErrors } from '@/lib/form-errors';
import { type ButtonVariant, buttonClass, inputClass } from './styles';

function describedBy(...ids: (string | false | undefined)[]) {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

interface FieldOwnProps {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/** What a control needs to be tied to its label, hint and error. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The label, hint and error around one control; its hint and error are announced with it. */
function LabelledControl({
  label,
  error,
  hint,
  className,
  children,
}: Omit<FieldOwnProps, 'name'> & {
  className?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium text-sm text-stone-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-stone-500 text-xs">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(hintId, errorId),
      })}
      {error ? (
        <p id={errorId} className="mt-1.5 text-red-700 text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input; its hint and error are announced with it (aria-describedby). */
export function Field({
  label,
  name,
  error,
  hint,
  className,
  ...input
}: FieldOwnProps & Omit<ComponentPropsWithoutRef<'input'>, 'name'>) {
  return (
    <LabelledControl label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <input {...control} name={name} className={`mt-1.5 ${inputClass}`} {...input} />
      )}
    </LabelledControl>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  className,
  children,
  ...select
}: FieldOwnProps & Omit<ComponentPropsWithoutRef<'select'>, 'name'>) {
  return (
    <LabelledControl label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select {...control} name={name} className={`mt-1.5 ${inputClass}`} {...select}>
          {children}
        </select>
      )}
    </LabelledControl>
  );
}

/** The 6-digit code from an authenticator app. */
export function TotpCodeField(
  props: Omit<ComponentPropsWithoutRef<typeof Field>, 'label' | 'name'>,
) {
  return (
    <Field
      label="Authentication code"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      required
      {...props}
    />
  );
}

/** The form-level error, announced when it appears. */
export function FormAlert({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="rounded-lg bg-red-50 px-4 py-3 text-red-800 text-sm ring-1 ring-red-200"
    >
      {message}
    </div>
  );
}

/** A success or progress message, announced politely. */
export function StatusMessage({ message }: { message?: string | undefined }) {
  return (
    <div role="status" className={message ? undefined : 'sr-only'}>
      {message ? (
        <p className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900 text-sm ring-1 ring-emerald-200">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function Button({
  variant = 'primary',
  size = 'md',
  pending = false,
  pendingLabel,
  children,
  className,
  type = 'button',
  disabled,
  ...props
}: ComponentPropsWithoutRef<'button'> & {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  pending?: boolean;
  pendingLabel?: string;
}) {
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`${buttonClass(variant, size)} ${className ?? ''}`}
      {...props}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** After a failed submit, moves focus to the first invalid field (or the form's alert). */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>, errors: FormErrors) {
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (errors.formError ? form.querySelector<HTMLElement>('[role="alert"]') : null);
    if (!target) return;
    if (target.getAttribute('role') === 'alert') target.tabIndex = -1;
    target.focus();
  }, [formRef, errors]);
}
