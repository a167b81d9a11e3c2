'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { surfaceClass } from '@/components/ui/styles';
import type { StepState } from './checkout-progress';

/**
 * One step of the checkout: its number and title, then its form while it is the current step,
 * what was chosen once it is done (with "Edit"), or nothing yet. Becoming the current step
 * moves focus to its heading, so keyboard and screen-reader users follow along.
 */
export function CheckoutStep({
  number,
  title,
  state,
  summary,
  onEdit,
  editDisabled = false,
  children,
}: {
  number: number;
  title: string;
  state: StepState;
  summary?: ReactNode;
  onEdit?: () => void;
  editDisabled?: boolean;
  children?: ReactNode;
}) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const wasCurrent = useRef(state === 'current');
  useEffect(() => {
    if (state === 'current' && !wasCurrent.current) {
      headingRef.current?.focus({ preventScroll: true });
      headingRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
    wasCurrent.current = state === 'current';
  }, [state]);

  return (
    <section
      aria-labelledby={headingId}
      className={`${surfaceClass} p-5 sm:p-7 ${state === 'upcoming' ? 'opacity-70' : ''}`}
      data-step-state={state}
    >
      <div className="flex items-center justify-between gap-4">
        <h2
          id={headingId}
          ref={headingRef}
          tabIndex={-1}
          className="flex scroll-mt-28 items-center gap-3 font-display font-semibold text-lg text-stone-900 focus:outline-none"
        >
          <span
            aria-hidden="true"
            className={`grid size-7 place-items-center rounded-full font-sans text-xs ${
              state === 'current'
                ? 'bg-stone-900 text-white'
                : state === 'done'
                  ? 'bg-brand-100 text-brand-800'
                  : 'bg-stone-100 text-stone-500'
            }`}
          >
            {number}
          </span>
          {title}
        </h2>
        {state === 'done' && onEdit ? (
          <Button variant="quiet" size="sm" onClick={onEdit} disabled={editDisabled}>
            Edit<span className="sr-only"> {title.toLowerCase()}</span>
          </Button>
        ) : null}
      </div>
      {state === 'current' ? <div className="mt-6">{children}</div> : null}
      {state === 'done' && summary ? (
        <div className="mt-3 pl-10 text-sm text-stone-700">{summary}</div>
      ) : null}
    </section>
  );
}
