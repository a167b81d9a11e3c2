import type { ProductSummary } from '@bazaar/contracts';
import { ProductCard, ProductGridList } from './product-card';
import { emptyStateClass } from './ui/styles';

/**
 * A fixed grid of products (the home page's strip), rendered on the server from what the page
 * fetched: no client code, no query state sent to the browser. Searchable, filterable, paged
 * listings are `listing/catalog-browser.tsx`.
 */
export function ProductListing({ products, label }: { products: ProductSummary[]; label: string }) {
  if (products.length === 0) {
    return (
      <div className={emptyStateClass}>
        <p className="font-medium text-base text-stone-900">No products here yet</p>
        <p className="mt-1">New pieces arrive every week — check back soon.</p>
      </div>
    );
  }

  return (
    <ProductGridList label={label}>
      {products.map((product) => (
        <li key={product.id}>
          {/* Below the hero and the categories: never in the first screen, so lazy. */}
          <ProductCard product={product} />
        </li>
      ))}
    </ProductGridList>
  );
}
