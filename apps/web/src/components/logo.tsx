import Link from 'next/link';

export function Logo({ className }: { className?: string }) {
  return (
    <Link
      href="/"
      className={`inline-flex items-center gap-2 rounded-md font-display font-semibold text-2xl text-stone-900 tracking-tight ${className ?? ''}`}
    >
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8">
        <rect width="32" height="32" rx="9" className="fill-brand-600" />
        <path
          d="M8 13h16l-1.6 10.2A2 2 0 0 1 20.4 25h-8.8a2 2 0 0 1-2-1.8L8 13Z"
          className="fill-brand-50"
        />
        <path
          d="M12 13v-1.5a4 4 0 0 1 8 0V13"
          fill="none"
          strokeWidth="2"
          strokeLinecap="round"
          className="stroke-brand-50"
        />
      </svg>
      Bazaar
    </Link>
  );
}
