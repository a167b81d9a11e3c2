'use client';

import type { ComponentProps } from 'react';
import { useHydrated } from '@/lib/use-hydrated';
import { Spinner } from './spinner';
import { type ButtonSize, type ButtonVariant, buttonClass } from './styles';

type ButtonProps = ComponentProps<'button'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /**
   * Disables the button and shows a spinner over its label. The label stays (invisible) so the
   * button keeps its width and its accessible name.
   */
  pending?: boolean;
};

export function Button({
  variant = 'primary',
  size = 'md',
  pending = false,
  className,
  children,
  disabled,
  type = 'button',
  ...props
}: ButtonProps) {
  // Every one of these buttons acts through script, which on cached pages starts only after the
  // first paint (src/server/scripts-after-paint.ts). Clicked before the page hydrates, a plain
  // button would do nothing ("Add to cart" lost), and a submit button would have the browser send
  // its form natively: a GET of the same page with every field (an email, a password) in the URL.
  const hydrated = useHydrated();
  return (
    <button
      type={type}
      disabled={disabled || pending || !hydrated}
      aria-busy={pending || undefined}
      className={`relative ${buttonClass(variant, size)} ${className ?? ''}`}
      {...props}
    >
      <span className={`inline-flex items-center gap-2 ${pending ? 'opacity-0' : ''}`}>
        {children}
      </span>
      {pending ? (
        <span className="absolute inset-0 grid place-items-center">
          <Spinner />
        </span>
      ) : null}
    </button>
  );
}
