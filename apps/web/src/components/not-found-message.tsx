import Link from 'next/link';
import { Container } from './container';
import { buttonClass } from './ui/styles';

/** The body of a 404 page: what happened, and the ways back into the shop. */
export function NotFoundMessage() {
  return (
    <Container className="py-24 text-center">
      <p className="font-display font-semibold text-7xl text-brand-600 sm:text-8xl">404</p>
      <h1 className="mt-4 font-display font-semibold text-3xl text-stone-900 tracking-tight sm:text-4xl">
        We couldn’t find that page
      </h1>
      <p className="mx-auto mt-4 max-w-md text-stone-600 leading-relaxed">
        The product may have sold through or moved, or the link may be mistyped. Everything else is
        right where you left it.
      </p>
      <div className="mt-10 flex flex-wrap justify-center gap-3">
        <Link href="/" className={buttonClass('primary', 'lg')}>
          Back to the shop
        </Link>
        <Link href="/#categories" className={buttonClass('secondary', 'lg')}>
          Browse categories
        </Link>
      </div>
    </Container>
  );
}
