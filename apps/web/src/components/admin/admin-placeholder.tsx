import type { ReactNode } from 'react';

/** The body of an admin section that has not been built yet. */
export function AdminPlaceholder({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="font-semibold text-2xl text-stone-900 tracking-tight">{title}</h1>
        <p className="mt-1 text-stone-600">{description}</p>
      </div>
      {children}
      <div className="rounded-2xl border border-stone-300 border-dashed bg-white px-6 py-16 text-center">
        <p className="font-medium text-stone-900">Coming soon</p>
        <p className="mx-auto mt-1 max-w-md text-sm text-stone-600">
          This part of the admin is still being built.
        </p>
      </div>
    </div>
  );
}
