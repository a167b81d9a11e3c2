import type { ProductFacets } from '@bazaar/contracts';

type FacetOption = ProductFacets['options'][number];

/**
 * The options to offer, each with its values and counts. A chosen value the other filters leave
 * no product for is not in the API's counts; it is kept (count 0) so it can still be unticked.
 */
export function optionFacetGroups(
  facetOptions: readonly FacetOption[],
  chosen: Readonly<Record<string, readonly string[]>>,
): FacetOption[] {
  const groups = facetOptions.map((option) => ({
    name: option.name,
    values: [...option.values],
  }));
  for (const [name, values] of Object.entries(chosen)) {
    let group = groups.find((g) => g.name === name);
    if (!group) {
      group = { name, values: [] };
      groups.push(group);
    }
    for (const value of values) {
      if (!group.values.some((v) => v.value === value)) group.values.push({ value, count: 0 });
    }
  }
  return groups;
}
