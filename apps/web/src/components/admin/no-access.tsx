import Link from 'next/link';

/** A console page the staff member's role does not cover. */
export function NoAccess({ title }: { title: string }) {
  return (
    <div className="max-w-xl space-y-3">
      <h1 className="font-semibold text-2xl text-stone-900 tracking-tight">{title}</h1>
      <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-900/5">
        <p className="font-medium text-stone-900">You don’t have access to this page</p>
        <p className="mt-1 text-sm text-stone-600">
          Your role doesn’t include it. Ask an Owner if you need it for your work.
        </p>
        <Link
          href="/admin"
          className="mt-4 inline-block font-medium text-brand-700 text-sm underline"
        >
          Back to the dashboard
        </Link>
      </div>
    </div>
  );
}
