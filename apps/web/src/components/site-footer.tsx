import Link from 'next/link';
import { Container } from './container';
import { Logo } from './logo';

export function SiteFooter() {
  return (
    <footer className="border-stone-200 border-t bg-white">
      <Container className="grid gap-10 py-12 sm:grid-cols-2 lg:grid-cols-4">
        <div className="space-y-3 lg:col-span-2">
          <Logo className="text-xl" />
          <p className="max-w-sm text-sm text-stone-600 leading-relaxed">
            Well-made things for everyday life, from independent makers. Bazaar is an open-source
            commerce platform — this is its demo shop.
          </p>
        </div>
        <nav aria-label="Shop">
          <h2 className="font-semibold text-sm text-stone-900">Shop</h2>
          <ul className="mt-3 space-y-2 text-sm text-stone-600">
            <li>
              <Link href="/" className="rounded-sm hover:text-brand-700">
                Home
              </Link>
            </li>
            <li>
              <Link href="/#categories" className="rounded-sm hover:text-brand-700">
                All categories
              </Link>
            </li>
            <li>
              <Link href="/orders/lookup" className="rounded-sm hover:text-brand-700">
                Find your order
              </Link>
            </li>
          </ul>
        </nav>
        <div>
          <h2 className="font-semibold text-sm text-stone-900">For the team</h2>
          <ul className="mt-3 space-y-2 text-sm text-stone-600">
            <li>
              <Link href="/admin" className="rounded-sm hover:text-brand-700">
                Shop admin
              </Link>
            </li>
          </ul>
        </div>
      </Container>
      <div className="border-stone-100 border-t">
        <Container className="py-6 text-stone-500 text-xs">
          © {new Date().getFullYear()} Bazaar demo shop. Prices include VAT.
        </Container>
      </div>
    </footer>
  );
}
