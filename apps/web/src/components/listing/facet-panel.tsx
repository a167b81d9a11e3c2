'use client';

import type { ProductFacets } from '@bazaar/contracts';
import { refineListing } from '@/lib/listing-filters';
import { optionFacetGroups } from '@/lib/option-facets';
import { CategoryFacet } from './category-facet';
import { FacetCheckbox, FacetSection } from './facet-section';
import { useListingNavigation } from './listing-navigation';
import { OptionFacet } from './option-facet';
import { PriceFacet } from './price-facet';

/**
 * Every filter with the number of products it would give (each counted with the other filters
 * applied). `categoryBelow`: a category page's own category, whose subcategories are offered.
 */
export function FacetPanel({
  facets,
  categoryBelow,
}: {
  facets: ProductFacets;
  categoryBelow?: string | undefined;
}) {
  const { state, navigate } = useListingNavigation();
  return (
    <div>
      <CategoryFacet categories={facets.categories} below={categoryBelow} />
      {optionFacetGroups(facets.options, state.options).map((option) => (
        <OptionFacet key={option.name} name={option.name} values={option.values} />
      ))}
      <PriceFacet price={facets.price} />
      <FacetSection title="Availability" group>
        <FacetCheckbox
          label="In stock only"
          count={facets.inStock}
          checked={state.inStock}
          onChange={() => navigate(refineListing(state, { inStock: !state.inStock }))}
        />
      </FacetSection>
    </div>
  );
}
