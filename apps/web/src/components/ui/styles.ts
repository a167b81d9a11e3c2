/**
 * The UI kit's class names, for elements that are not one of its components (a link that looks
 * like a button, a white surface without a heading). Usable from server and client components.
 *
 * One look for the shop and the admin. The admin is denser: its shells set
 * {@link COMPACT_DENSITY}, and the `compact:` variant (globals.css) tightens radii and padding
 * below it.
 */

/** Spread on a shell's root element to give everything inside the admin's denser look. */
export const COMPACT_DENSITY = { 'data-density': 'compact' } as const;

const BUTTON_VARIANTS = {
  primary: 'bg-stone-900 text-white shadow-sm hover:bg-brand-700 disabled:hover:bg-stone-900',
  secondary:
    'bg-white text-stone-800 shadow-sm ring-1 ring-stone-300 hover:bg-stone-100 disabled:hover:bg-white',
  danger: 'bg-red-700 text-white shadow-sm hover:bg-red-800 disabled:hover:bg-red-700',
  quiet: 'text-stone-700 hover:bg-stone-200/70 hover:text-stone-900',
} as const;

export type ButtonVariant = keyof typeof BUTTON_VARIANTS;
export type ButtonSize = 'lg' | 'md' | 'sm';

const BUTTON_SIZES: Record<ButtonSize, string> = {
  lg: 'px-6 py-3 text-sm',
  md: 'px-5 py-2.5 text-sm compact:px-4 compact:py-2',
  sm: 'px-3.5 py-1.5 text-sm compact:px-3 compact:text-xs',
};

export function buttonClass(variant: ButtonVariant = 'primary', size: ButtonSize = 'md') {
  return `inline-flex items-center justify-center gap-2 rounded-full font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 compact:rounded-lg ${BUTTON_SIZES[size]} ${BUTTON_VARIANTS[variant]}`;
}

/** An inline text link. */
export const linkClass =
  'rounded-sm font-medium text-brand-700 underline-offset-2 hover:text-brand-800 hover:underline';

/** Text inputs and selects; `aria-invalid` turns the ring red. */
export const inputClass =
  'block w-full rounded-xl border-0 bg-white px-3.5 py-2.5 text-stone-900 shadow-sm ring-1 ring-stone-300 ring-inset transition-shadow placeholder:text-stone-400 focus:outline-none focus:ring-2 focus:ring-brand-600 disabled:bg-stone-100 disabled:text-stone-500 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-600 sm:text-sm compact:rounded-lg compact:px-3 compact:py-2';

/** A white surface (cards, dialogs, the sign-in box). */
export const surfaceClass =
  'rounded-3xl bg-white shadow-sm ring-1 ring-stone-900/5 compact:rounded-2xl';

/** A dashed placeholder where a list or section has nothing to show yet. */
export const emptyStateClass =
  'rounded-2xl border border-stone-300 border-dashed bg-white px-6 py-12 text-center text-sm text-stone-600';
