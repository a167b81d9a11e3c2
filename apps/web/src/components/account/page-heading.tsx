import type { ReactNode } from 'react';

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-8">
      <h1 className="font-display font-semibold text-3xl text-stone-900 tracking-tight sm:text-4xl">
        {title}
      </h1>
      {children ? <p className="mt-2 text-stone-600">{children}</p> : null}
    </div>
  );
}
