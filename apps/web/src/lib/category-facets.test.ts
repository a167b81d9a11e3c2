import { describe, expect, it } from 'vitest';
import { categoryFacetTree, facetTrail } from './category-facets';

const facet = [
  { slug: 'apparel', name: 'Apparel', parentSlug: null, count: 15 },
  { slug: 'tops', name: 'Tops', parentSlug: 'apparel', count: 7 },
  { slug: 'outerwear', name: 'Outerwear', parentSlug: 'apparel', count: 4 },
  { slug: 'outdoors', name: 'Outdoors', parentSlug: null, count: 3 },
  { slug: 'camping', name: 'Camping', parentSlug: 'outdoors', count: 3 },
];

const names = (nodes: { name: string; children: { name: string }[] }[]): unknown =>
  nodes.map((n) => (n.children.length ? [n.name, names(n.children as never)] : n.name));

describe('categoryFacetTree', () => {
  it('nests categories under their parents, in the given order', () => {
    expect(names(categoryFacetTree(facet))).toEqual([
      ['Apparel', ['Tops', 'Outerwear']],
      ['Outdoors', ['Camping']],
    ]);
  });

  it('keeps only what lies below a category page’s own category', () => {
    expect(names(categoryFacetTree(facet, 'apparel'))).toEqual(['Tops', 'Outerwear']);
    expect(categoryFacetTree(facet, 'tops')).toEqual([]);
    expect(categoryFacetTree(facet, 'unknown')).toEqual([]);
  });

  it('keeps the counts', () => {
    expect(categoryFacetTree(facet)[0]?.children[1]?.count).toBe(4);
  });
});

describe('facetTrail', () => {
  it('walks from the top level down to the category', () => {
    expect(facetTrail(facet, 'outerwear')).toEqual(['apparel', 'outerwear']);
    expect(facetTrail(facet, 'apparel')).toEqual(['apparel']);
    expect(facetTrail(facet, null)).toEqual([]);
    expect(facetTrail(facet, 'gone')).toEqual([]);
  });
});
