import type { Database } from '@bazaar/db';
import { categories } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';

/** A category's own fields, as both the storefront and the admin list them. */
export const categoryColumns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
  parentId: categories.parentId,
  position: categories.position,
};

/** The category (by slug or id) and all of its descendants; empty when there is no such category. */
export async function categorySubtreeIds(
  db: Database,
  category: { slug: string } | { id: string },
): Promise<string[]> {
  const root =
    'slug' in category ? eq(categories.slug, category.slug) : eq(categories.id, category.id);
  const result = await db.execute<{ id: string }>(sql`
    with recursive tree as (
      select ${categories.id} as id from ${categories} where ${root}
      union
      select c.id from ${categories} c join tree on c.parent_id = tree.id
    )
    select id from tree`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}
