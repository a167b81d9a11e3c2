import type { ComponentProps } from 'react';

const TONES = {
  neutral: 'bg-stone-100 text-stone-700',
  muted: 'bg-stone-200 text-stone-700',
  brand: 'bg-brand-100 text-brand-800',
  success: 'bg-emerald-100 text-emerald-900',
  warning: 'bg-amber-100 text-amber-900',
  danger: 'bg-red-100 text-red-900',
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short status label ("This device", "Active", "Off"). */
export function Badge({
  tone = 'neutral',
  className,
  ...props
}: ComponentProps<'span'> & { tone?: BadgeTone }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 font-medium text-xs ${TONES[tone]} ${className ?? ''}`}
      {...props}
    />
  );
}
