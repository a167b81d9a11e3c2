import { type ReactNode, useId } from 'react';

/** A white card section with a heading (its accessible name), used by the console's pages. */
export function Card({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  /** Shown beside the heading, e.g. a status badge or a button. */
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-900/5"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={id} className="font-semibold text-lg text-stone-900">
            {title}
          </h2>
          {description ? <p className="mt-1 text-sm text-stone-600">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children ? <div className="mt-5">{children}</div> : null}
    </section>
  );
}
