import { type ReactNode, useId } from 'react';
import { surfaceClass } from './styles';

/** A white section with a heading (its accessible name), a description and optional actions. */
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
    <section aria-labelledby={id} className={`${surfaceClass} p-6 sm:p-8 compact:sm:p-6`}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2
            id={id}
            className="font-display font-semibold text-stone-900 text-xl compact:font-sans compact:text-lg"
          >
            {title}
          </h2>
          {description ? <div className="mt-1 text-sm text-stone-600">{description}</div> : null}
        </div>
        {actions}
      </div>
      {children ? <div className="mt-6 compact:mt-5">{children}</div> : null}
    </section>
  );
}
