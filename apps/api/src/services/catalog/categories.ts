import type { Database } from '@bazaar/db';
import { categories } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';

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
