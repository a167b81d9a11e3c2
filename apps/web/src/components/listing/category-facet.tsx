'use client';

import type { ProductFacets } from '@bazaar/contracts';
import { type CategoryFacetNode, categoryFacetTree, facetTrail } from '@/lib/category-facets';
import { refineListing } from '@/lib/listing-filters';
import { FacetSection } from './facet-section';
import { ListingLink, useListingNavigation } from './listing-navigation';

/**
 * Categories with their counts. On the search page a category is a filter (`?category=`) and
 * the tree opens along the chosen one; on a category page (`below`) it lists the categories
 * under that page's own, each a link to its page with the same filters.
 */
export function CategoryFacet({
  categories,
  below,
}: {
  categories: ProductFacets['categories'];
  below?: string | undefined;
}) {
  const { state } = useListingNavigation();
  const tree = categoryFacetTree(categories, below ?? null);
  if (tree.length === 0) return null;
  const open = new Set(below ? [] : facetTrail(categories, state.category));

  const rows = (nodes: CategoryFacetNode[], depth: number) => (
    <ul
      className={depth > 0 ? 'mt-1 ml-3 space-y-0.5 border-stone-200 border-l pl-2' : 'space-y-0.5'}
    >
      {nodes.map((node) => {
        const current = !below && node.slug === state.category;
        return (
          <li key={node.slug}>
            <ListingLink
              to={below ? refineListing(state, {}) : refineListing(state, { category: node.slug })}
              path={below ? `/c/${node.slug}` : undefined}
              scroll={Boolean(below)}
              aria-current={current ? 'true' : undefined}
              className={`flex items-baseline justify-between gap-3 rounded-lg px-2.5 py-1.5 text-sm transition-colors ${
                current
                  ? 'bg-stone-900 font-medium text-white'
                  : 'text-stone-700 hover:bg-stone-200/60 hover:text-stone-900'
              }`}
            >
              <span>{node.name}</span>
              <span
                className={`text-xs tabular-nums ${current ? 'text-stone-300' : 'text-stone-400'}`}
              >
                {node.count}
              </span>
            </ListingLink>
            {open.has(node.slug) && node.children.length > 0
              ? rows(node.children, depth + 1)
              : null}
          </li>
        );
      })}
    </ul>
  );

  return (
    <FacetSection title="Category">
      {!below && state.category ? (
        <ListingLink
          to={refineListing(state, { category: null })}
          className="mb-1 flex rounded-lg px-2.5 py-1.5 text-sm text-stone-500 hover:bg-stone-200/60 hover:text-stone-900"
        >
          <span aria-hidden="true" className="mr-1.5">
            ←
          </span>
          All categories
        </ListingLink>
      ) : null}
      {rows(tree, 0)}
    </FacetSection>
  );
}
