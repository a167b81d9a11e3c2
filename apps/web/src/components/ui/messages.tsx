import type { ReactNode } from 'react';

/**
 * A form's summary of what went wrong, announced when it appears. The live region is always
 * there (hidden while empty), so assistive technology notices the message arriving.
 */
export function FormAlert({ message }: { message: string | null | undefined }) {
  return (
    <div role="alert" className="empty:hidden">
      {message ? (
        <p className="rounded-xl bg-red-50 px-4 py-3 text-red-800 text-sm ring-1 ring-red-200 compact:rounded-lg">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A success or progress message, announced politely. */
export function FormStatus({ message }: { message: ReactNode }) {
  return (
    <div role="status" className="empty:hidden">
      {message ? (
        <p className="rounded-xl bg-emerald-50 px-4 py-3 text-emerald-900 text-sm ring-1 ring-emerald-200 compact:rounded-lg">
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
      className="rounded-xl bg-emerald-50 p-4 text-emerald-900 ring-1 ring-emerald-200 compact:rounded-lg"
    >
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm">{children}</p>
    </div>
  );
}

/** A failure that takes the place of a page's content: what went wrong, then why. */
export function ErrorNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      role="alert"
      className="rounded-xl bg-red-50 p-4 text-red-800 ring-1 ring-red-200 compact:rounded-lg"
    >
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm">{children}</p>
    </div>
  );
}
