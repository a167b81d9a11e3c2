import type { ProductFacets } from '@bazaar/contracts';

type FacetCategory = ProductFacets['categories'][number];

export interface CategoryFacetNode extends FacetCategory {
  children: CategoryFacetNode[];
}

/**
 * The category facet as a tree (the API's order kept among siblings). With `rootSlug` (a
 * category page), only what lies below that category; otherwise the top level and down.
 */
export function categoryFacetTree(
  categories: readonly FacetCategory[],
  rootSlug: string | null = null,
): CategoryFacetNode[] {
  const nodes = new Map(
    categories.map((c) => [c.slug, { ...c, children: [] as CategoryFacetNode[] }]),
  );
  const roots: CategoryFacetNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentSlug ? nodes.get(node.parentSlug) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  if (rootSlug) return nodes.get(rootSlug)?.children ?? [];
  return roots;
}

/** The slugs from a top-level category down to `slug` (empty when it is not in the facet). */
export function facetTrail(categories: readonly FacetCategory[], slug: string | null): string[] {
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const trail: string[] = [];
  for (let at = slug ? bySlug.get(slug) : undefined; at && !trail.includes(at.slug); ) {
    trail.unshift(at.slug);
    at = at.parentSlug ? bySlug.get(at.parentSlug) : undefined;
  }
  return trail;
}
