import type { ReactNode } from 'react';

export function PageHeader({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="font-semibold text-2xl text-stone-900 tracking-tight">{title}</h1>
        <p className="mt-1 text-stone-600">{description}</p>
      </div>
      {children}
    </div>
  );
}
