import type { Metadata } from 'next';
import { Container } from '@/components/container';
import { Logo } from '@/components/logo';
import { NotFoundMessage } from '@/components/not-found-message';

export const metadata: Metadata = {
  title: 'Page not found',
};

/**
 * The 404 (HTTP 404) outside the shop: unknown admin URLs and `notFound()` in the admin. The shop
 * has its own, inside its header and footer: (shop)/not-found.tsx.
 */
export default function NotFound() {
  return (
    <>
      <header className="border-stone-200/80 border-b">
        <Container className="py-4">
          <Logo />
        </Container>
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 items-center focus:outline-none">
        <NotFoundMessage />
      </main>
    </>
  );
}
