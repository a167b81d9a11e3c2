import type { Category } from '@bazaar/contracts';

export interface CategoryNode extends Category {
  children: CategoryNode[];
}

const byPosition = (a: Category, b: Category) =>
  a.position - b.position || a.name.localeCompare(b.name);

/** Builds the category tree from the API's flat list; siblings are ordered by `position`. */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const category of [...categories].sort(byPosition)) {
    nodes.set(category.id, { ...category, children: [] });
  }
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    // Orphans (parent missing from the list) are shown at the top level rather than lost.
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The category with `slug` and its ancestors, root first; empty when the slug is unknown. */
export function categoryTrail(categories: readonly Category[], slug: string): Category[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const trail: Category[] = [];
  let current = categories.find((c) => c.slug === slug);
  while (current && !trail.includes(current)) {
    trail.unshift(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return trail;
}

/** Direct children of a category, ordered by `position`. */
export function childCategories(categories: readonly Category[], parentId: string): Category[] {
  return categories.filter((c) => c.parentId === parentId).sort(byPosition);
}

/** Top-level categories (and orphans), ordered by `position`. */
export function topLevelCategories(categories: readonly Category[]): Category[] {
  const ids = new Set(categories.map((c) => c.id));
  return categories.filter((c) => c.parentId === null || !ids.has(c.parentId)).sort(byPosition);
}

/**
 * Options for a category picker: every category, parents before children, each name indented
 * with one "— " per level ("— Tops" under "Apparel").
 */
export function categoryPickerOptions(
  categories: readonly Pick<Category, 'id' | 'name' | 'parentId'>[],
  parentId: string | null = null,
  depth = 0,
): { id: string; label: string }[] {
  return categories
    .filter((c) => c.parentId === parentId)
    .flatMap((c) => [
      { id: c.id, label: `${'— '.repeat(depth)}${c.name}` },
      ...categoryPickerOptions(categories, c.id, depth + 1),
    ]);
}
