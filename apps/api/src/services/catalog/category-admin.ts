import {
  type AdminCategory,
  AppError,
  type CategoryInput,
  invalidField,
  type MoveCategoryInput,
  notFound,
  type UpdateCategoryInput,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { categories, products } from '@bazaar/db/schema';
import { and, asc, eq, isNull, like, ne, or, sql } from 'drizzle-orm';
import { isReferenced, isUniqueViolation, type Tx } from '../../db.ts';
import { categoryColumns, categorySubtreeIds } from './categories.ts';
import { firstFreeSlug, slugFromTitle } from './slugs.ts';

/** Serialises tree changes, so two moves at once cannot make a cycle or clash on positions. */
const TREE_LOCK = 0x63617473; // "cats"

const lockTree = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`);

/** Every category, parents before children and siblings in order, with its own product count. */
export async function listCategoryTree(db: Database | Tx): Promise<AdminCategory[]> {
  const rows = await db
    .select({
      ...categoryColumns,
      productCount: sql<number>`(select count(*)::int from ${products} p where p.category_id = ${categories}.${sql.identifier('id')})`,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
  const ordered: AdminCategory[] = [];
  const visit = (parentId: string | null) => {
    for (const row of rows.filter((r) => r.parentId === parentId)) {
      ordered.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}

async function one(db: Database | Tx, id: string): Promise<AdminCategory> {
  const found = (await listCategoryTree(db)).find((c) => c.id === id);
  if (!found) throw notFound('Category');
  return found;
}

/** Gives the siblings under `parentId` the positions 0…n-1 in `ids` order. */
async function renumber(tx: Tx, ids: readonly string[]) {
  for (const [position, id] of ids.entries()) {
    await tx.update(categories).set({ position }).where(eq(categories.id, id));
  }
}

const siblingsOf = (tx: Tx, parentId: string | null) =>
  tx
    .select({ id: categories.id })
    .from(categories)
    .where(parentId === null ? isNull(categories.parentId) : eq(categories.parentId, parentId))
    .orderBy(asc(categories.position), asc(categories.name));

async function slugFor(tx: Tx, wanted: string, name: string, self: string | null) {
  const notSelf = self ? ne(categories.id, self) : undefined;
  if (wanted) {
    const [taken] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.slug, wanted), notSelf));
    if (taken) throw invalidField('slug', 'Another category has this slug');
    return wanted;
  }
  const base = slugFromTitle(name);
  const taken = await tx
    .select({ slug: categories.slug })
    .from(categories)
    .where(or(eq(categories.slug, base), like(categories.slug, `${base}-%`)));
  return firstFreeSlug(base, new Set(taken.map((t) => t.slug)));
}

function slugClash(error: unknown): never {
  if (isUniqueViolation(error, 'categories_slug_unique')) {
    throw invalidField('slug', 'Another category has this slug');
  }
  throw error;
}

export function createCategoryAdmin(db: Database) {
  return {
    listCategories: () => listCategoryTree(db),

    createCategory: (_actorId: string, input: CategoryInput) =>
      db
        .transaction(async (tx) => {
          await lockTree(tx);
          if (input.parentId)
            await one(tx, input.parentId).catch(() => {
              throw invalidField('parentId', 'No such parent category');
            });
          const siblings = await siblingsOf(tx, input.parentId);
          const [row] = await tx
            .insert(categories)
            .values({
              slug: await slugFor(tx, input.slug, input.name, null),
              name: input.name,
              description: input.description,
              parentId: input.parentId,
              position: siblings.length,
            })
            .returning({ id: categories.id });
          return one(tx, (row as { id: string }).id);
        })
        .catch(slugClash),

    updateCategory: (_actorId: string, input: UpdateCategoryInput) =>
      db
        .transaction(async (tx) => {
          const [row] = await tx
            .update(categories)
            .set({
              name: input.name,
              slug: await slugFor(tx, input.slug, input.name, input.id),
              description: input.description,
            })
            .where(eq(categories.id, input.id))
            .returning({ id: categories.id });
          if (!row) throw notFound('Category');
          return one(tx, input.id);
        })
        .catch(slugClash),

    moveCategory: (_actorId: string, input: MoveCategoryInput) =>
      db.transaction(async (tx) => {
        await lockTree(tx);
        const moving = await one(tx, input.id);
        if (input.parentId !== null) {
          const inside = await categorySubtreeIds(tx as unknown as Database, { id: input.id });
          if (inside.includes(input.parentId)) {
            throw invalidField(
              'parentId',
              'A category cannot go inside itself or its subcategories',
            );
          }
          await one(tx, input.parentId).catch(() => {
            throw invalidField('parentId', 'No such parent category');
          });
        }
        const siblings = (await siblingsOf(tx, input.parentId))
          .map((s) => s.id)
          .filter((id) => id !== input.id);
        siblings.splice(Math.min(input.position, siblings.length), 0, input.id);
        await tx
          .update(categories)
          .set({ parentId: input.parentId })
          .where(eq(categories.id, input.id));
        await renumber(tx, siblings);
        if (moving.parentId !== input.parentId) {
          await renumber(
            tx,
            (await siblingsOf(tx, moving.parentId)).map((s) => s.id),
          );
        }
        return listCategoryTree(tx);
      }),

    deleteCategory: (_actorId: string, id: string) =>
      db
        .transaction(async (tx) => {
          await lockTree(tx);
          const [row] = await tx
            .delete(categories)
            .where(eq(categories.id, id))
            .returning({ parentId: categories.parentId });
          if (!row) throw notFound('Category');
          await renumber(
            tx,
            (await siblingsOf(tx, row.parentId)).map((s) => s.id),
          );
        })
        .catch((error: unknown) => {
          if (isReferenced(error)) {
            throw new AppError(
              'CONFLICT',
              'This category still holds products or subcategories: move them first',
              { appCode: 'IN_USE' },
            );
          }
          throw error;
        }),
  };
}
