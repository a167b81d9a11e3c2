import type { Category } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import {
  buildCategoryTree,
  type CategoryNode,
  categoryPickerOptions,
  categoryTrail,
  childCategories,
  topLevelCategories,
} from './categories';

function category(id: string, parentId: string | null, position: number, name = id): Category {
  return {
    id,
    slug: id,
    name,
    description: '',
    parentId,
    position,
    productCount: 0,
  };
}

// home (2) ─ kitchen (1) ─ mugs (2), plates (1)
// garden (1)
// orphan: parent "gone" is not in the list
const categories = [
  category('mugs', 'kitchen', 2),
  category('home', null, 2),
  category('plates', 'kitchen', 1),
  category('kitchen', 'home', 1),
  category('garden', null, 1),
  category('orphan', 'gone', 0),
];

const names = (nodes: readonly Category[]) => nodes.map((c) => c.name);

describe('buildCategoryTree', () => {
  it('nests children under their parents, siblings by position', () => {
    const tree = buildCategoryTree(categories);
    expect(names(tree)).toEqual(['orphan', 'garden', 'home']);
    const home = tree.find((c) => c.id === 'home') as CategoryNode;
    expect(names(home.children)).toEqual(['kitchen']);
    expect(names(home.children[0]?.children ?? [])).toEqual(['plates', 'mugs']);
  });

  it('orders siblings with the same position by name', () => {
    const tree = buildCategoryTree([
      category('b', null, 1, 'Bowls'),
      category('a', null, 1, 'Art'),
    ]);
    expect(names(tree)).toEqual(['Art', 'Bowls']);
  });

  it('does not modify the list it is given', () => {
    const copy = structuredClone(categories);
    buildCategoryTree(categories);
    expect(categories).toEqual(copy);
  });
});

describe('categoryTrail', () => {
  it('is the category and its ancestors, root first', () => {
    expect(names(categoryTrail(categories, 'mugs'))).toEqual(['home', 'kitchen', 'mugs']);
    expect(names(categoryTrail(categories, 'garden'))).toEqual(['garden']);
  });

  it('is empty for an unknown slug', () => {
    expect(categoryTrail(categories, 'nope')).toEqual([]);
  });

  it('stops at a missing parent and at a cycle', () => {
    expect(names(categoryTrail(categories, 'orphan'))).toEqual(['orphan']);
    const cycle = [category('a', 'b', 1), category('b', 'a', 1)];
    expect(names(categoryTrail(cycle, 'a'))).toEqual(['b', 'a']);
  });
});

describe('childCategories and topLevelCategories', () => {
  it('lists direct children by position', () => {
    expect(names(childCategories(categories, 'kitchen'))).toEqual(['plates', 'mugs']);
    expect(names(childCategories(categories, 'mugs'))).toEqual([]);
  });

  it('lists roots and orphans by position', () => {
    expect(names(topLevelCategories(categories))).toEqual(['orphan', 'garden', 'home']);
  });
});

describe('categoryPickerOptions', () => {
  it('lists parents before their children, indented by depth', () => {
    const tree = [
      { id: 'b', name: 'Tops', parentId: 'a' },
      { id: 'a', name: 'Apparel', parentId: null },
      { id: 'c', name: 'Tees', parentId: 'b' },
      { id: 'd', name: 'Home', parentId: null },
    ];
    expect(categoryPickerOptions(tree)).toEqual([
      { id: 'a', label: 'Apparel' },
      { id: 'b', label: '— Tops' },
      { id: 'c', label: '— — Tees' },
      { id: 'd', label: 'Home' },
    ]);
  });
});
