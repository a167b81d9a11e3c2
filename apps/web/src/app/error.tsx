'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/styles';

/** Shown when a page or the shop layout fails (for example, the API is unreachable). */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main id="main" className="flex flex-1 items-center justify-center px-4 py-24 text-center">
      <div className="max-w-md">
        <p className="font-display font-semibold text-5xl text-brand-600">Sorry</p>
        <h1 className="mt-4 font-display font-semibold text-3xl text-stone-900">
          Something went wrong on our side
        </h1>
        <p className="mt-4 text-stone-600">
          The shop couldn’t load this page just now. Please try again in a moment.
          {error.digest ? (
            <span className="mt-2 block text-stone-500 text-xs">Reference: {error.digest}</span>
          ) : null}
        </p>
        <div className="mt-8 flex justify-center gap-3">
          <Button size="lg" onClick={reset}>
            Try again
          </Button>
          <Link href="/" className={buttonClass('secondary', 'lg')}>
            Home
          </Link>
        </div>
      </div>
    </main>
  );
}
