import type { ReactNode } from 'react';

/** A page's `h1`, what the page is for, and optional actions beside them. */
export function PageHeading({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="font-display font-semibold text-3xl text-stone-900 tracking-tight sm:text-4xl compact:font-sans compact:text-2xl compact:sm:text-2xl">
          {title}
        </h1>
        {description ? <p className="mt-2 text-stone-600 compact:mt-1">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}
