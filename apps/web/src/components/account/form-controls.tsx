'use client';

import { PASSWORD_MIN_LENGTH } from '@bazaar/contracts';
import { type ComponentProps, type ReactNode, useId } from 'react';

const inputClass =
  'block w-full rounded-xl border-0 bg-white px-3.5 py-2.5 text-stone-900 shadow-sm ring-1 ring-stone-300 ring-inset transition-shadow placeholder:text-stone-400 focus:outline-none focus:ring-2 focus:ring-brand-600 disabled:bg-stone-100 disabled:text-stone-500 aria-[invalid=true]:ring-red-600 sm:text-sm';

/** The message under a field; its id is what the input's `aria-describedby` points at. */
export function FieldMessage({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1.5 flex gap-1.5 text-red-700 text-sm">
      <span aria-hidden="true">!</span>
      {error}
    </p>
  );
}

type TextFieldProps = Omit<ComponentProps<'input'>, 'id' | 'name' | 'children'> & {
  label: string;
  name: string;
  error?: string | undefined;
  /** Help text shown under the label, also part of the input's description. */
  hint?: ReactNode;
  /** Marks the field visually as optional (inputs are validated by the API, not the browser). */
  optional?: boolean;
};

export function TextField({
  label,
  name,
  error,
  hint,
  optional,
  className,
  ...inputProps
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id} className="flex items-baseline gap-2 font-medium text-sm text-stone-800">
        {label}
        {optional ? <span className="font-normal text-stone-500 text-xs">Optional</span> : null}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`mt-1.5 ${inputClass}`}
        {...inputProps}
      />
      <FieldMessage id={errorId} error={error} />
      {hint ? (
        <p id={hintId} className="mt-1.5 text-stone-500 text-xs">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** An email address: the email keyboard, autofill and no spell-checking. */
export function EmailField({
  label = 'Email',
  name = 'email',
  ...props
}: Omit<TextFieldProps, 'label' | 'name' | 'type'> & { label?: string; name?: string }) {
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

/** A password being chosen (signing up, resetting it), with the advice on a strong one. */
export function NewPasswordField({ label, error }: { label: string; error: string | undefined }) {
  return (
    <TextField
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
      error={error}
    />
  );
}

type SelectFieldProps = Omit<ComponentProps<'select'>, 'id' | 'name'> & {
  label: string;
  name: string;
  error?: string | undefined;
};

export function SelectField({
  label,
  name,
  error,
  className,
  children,
  ...props
}: SelectFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="font-medium text-sm text-stone-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`mt-1.5 ${inputClass} pr-8`}
        {...props}
      >
        {children}
      </select>
      <FieldMessage id={errorId} error={error} />
    </div>
  );
}

/** A form-level failure, announced when it appears. */
export function FormAlert({ message }: { message: string | undefined }) {
  return (
    <div role="alert" className="empty:hidden">
      {message ? (
        <p className="rounded-xl bg-red-50 px-4 py-3 text-red-800 text-sm ring-1 ring-red-200">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A success message, announced politely. */
export function FormStatus({ message }: { message: string | null | undefined }) {
  return (
    <div role="status" className="empty:hidden">
      {message ? (
        <p className="rounded-xl bg-emerald-50 px-4 py-3 text-emerald-900 text-sm ring-1 ring-emerald-200">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A success that takes the place of a form: what happened, then what comes next. */
export function SuccessNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-xl bg-emerald-50 p-4 text-emerald-900 ring-1 ring-emerald-200"
    >
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm">{children}</p>
    </div>
  );
}

function Spinner() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 animate-spin" fill="none">
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

const buttonVariants = {
  primary: 'bg-stone-900 text-white shadow-sm hover:bg-brand-700 disabled:hover:bg-stone-900',
  secondary:
    'bg-white text-stone-800 shadow-sm ring-1 ring-stone-300 hover:bg-stone-100 disabled:hover:bg-white',
  danger:
    'bg-white text-red-700 shadow-sm ring-1 ring-red-200 hover:bg-red-50 disabled:hover:bg-white',
  quiet: 'text-stone-700 hover:bg-stone-200/70 hover:text-stone-900',
} as const;

type ButtonProps = ComponentProps<'button'> & {
  variant?: keyof typeof buttonVariants;
  /** Shows a spinner over the label (the label keeps the button's width: no layout shift). */
  pending?: boolean;
  size?: 'md' | 'sm';
};

export function Button({
  variant = 'primary',
  pending = false,
  size = 'md',
  className,
  children,
  disabled,
  type = 'button',
  ...props
}: ButtonProps) {
  const sizing = size === 'sm' ? 'px-3.5 py-1.5 text-sm' : 'px-5 py-2.5 text-sm';
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`relative inline-grid place-items-center rounded-full font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${sizing} ${buttonVariants[variant]} ${className ?? ''}`}
      {...props}
    >
      <span className={`col-start-1 row-start-1 ${pending ? 'opacity-0' : ''}`}>{children}</span>
      {pending ? (
        <span className="col-start-1 row-start-1">
          <Spinner />
        </span>
      ) : null}
    </button>
  );
}

/** A white card section with a heading, used by the account pages. */
export function Panel({
  title,
  description,
  children,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="rounded-3xl bg-white p-6 shadow-sm ring-1 ring-stone-900/5 sm:p-8"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={id} className="font-display font-semibold text-stone-900 text-xl">
            {title}
          </h2>
          {description ? <div className="mt-1 text-sm text-stone-600">{description}</div> : null}
        </div>
        {actions}
      </div>
      <div className="mt-6">{children}</div>
    </section>
  );
}
