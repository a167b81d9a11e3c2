import { CategoryNav } from './category-nav';
import { Container } from './container';
import { Logo } from './logo';

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-stone-200/80 border-b bg-stone-50/90 backdrop-blur supports-[backdrop-filter]:bg-stone-50/75">
      <Container className="flex flex-col gap-3 py-3 md:flex-row md:items-center md:gap-10 md:py-4">
        <div className="flex items-center justify-between">
          <Logo />
          <span className="text-stone-500 text-xs md:hidden">Free EU shipping over €75</span>
        </div>
        <CategoryNav />
        <p className="ml-auto hidden shrink-0 text-stone-500 text-sm lg:block">
          Free EU shipping over €75
        </p>
      </Container>
    </header>
  );
}
