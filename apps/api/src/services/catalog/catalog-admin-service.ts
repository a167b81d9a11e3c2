import {
  type BulkProductsResult,
  type CatalogAdminService,
  type CatalogSettings,
  notFound,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import {
  catalogImports,
  currencies,
  inventoryLevels,
  products,
  shopSettings,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { isReferenced } from '../../db.ts';
import { shopCurrencies } from '../pricing/currencies.ts';
import { listAdminProducts } from './admin-product-list.ts';
import { createCategoryAdmin } from './category-admin.ts';
import { createProduct, loadAdminProduct, updateProduct } from './product-editor.ts';

/** Units that can still be bought, and whether that is low, for a live variant. */
const available = sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`;
const threshold = sql`coalesce(${inventoryLevels.lowStockThreshold}, (select ${shopSettings.lowStockThreshold} from ${shopSettings}))`;

export function createCatalogAdminService(db: Database): CatalogAdminService {
  async function settings(): Promise<CatalogSettings> {
    const [row] = await db.select().from(shopSettings);
    return { currencies: await shopCurrencies(db), lowStockThreshold: row?.lowStockThreshold ?? 5 };
  }

  return {
    ...createCategoryAdmin(db),
    listProducts: (input) => listAdminProducts(db, input),

    async getImport(id) {
      const [record] = await db.select().from(catalogImports).where(eq(catalogImports.id, id));
      if (!record) throw notFound('Import');
      const { actorId: _actor, ...rest } = record;
      return rest;
    },
    getProduct: (id) => loadAdminProduct(db, id),
    createProduct: (actorId, input) => createProduct(db, actorId, input),
    updateProduct: (actorId, input) => updateProduct(db, actorId, input),

    async bulkProducts(_actorId, input): Promise<BulkProductsResult> {
      const found = await db
        .select({
          id: products.id,
          title: products.title,
          // Something to sell: a live variant with a price. (The outer id is qualified by hand:
          // in a one-table select Drizzle writes columns unqualified.)
          sellable: sql<boolean>`exists (select 1 from ${variants} v join ${variantPrices} p on p.variant_id = v.id
            where v.product_id = ${products}.${sql.identifier('id')} and v.archived_at is null)`,
        })
        .from(products)
        .where(inArray(products.id, input.ids));
      const refused: BulkProductsResult['refused'] = input.ids
        .filter((id) => !found.some((p) => p.id === id))
        .map((id) => ({ id, title: '', reason: 'No such product' }));
      const changed: string[] = [];

      if (input.action === 'delete') {
        // One at a time, each in its own transaction: a product that orders reference stays.
        for (const product of found) {
          try {
            await db.transaction(async (tx) => {
              await tx.delete(variants).where(eq(variants.productId, product.id));
              await tx.delete(products).where(eq(products.id, product.id));
            });
            changed.push(product.id);
          } catch (error) {
            if (!isReferenced(error)) throw error;
            refused.push({
              id: product.id,
              title: product.title,
              reason: 'Orders reference it: archive it instead',
            });
          }
        }
        return { changed, refused };
      }

      const eligible =
        input.action === 'publish'
          ? found.filter((p) => {
              if (!p.sellable)
                refused.push({
                  id: p.id,
                  title: p.title,
                  reason: 'Nothing to sell: add a variant with a price',
                });
              return p.sellable;
            })
          : found;
      const status =
        input.action === 'publish' ? 'active' : input.action === 'draft' ? 'draft' : 'archived';
      if (eligible.length) {
        const updated = await db
          .update(products)
          .set({ status, version: sql`${products.version} + 1`, updatedAt: sql`now()` })
          .where(
            inArray(
              products.id,
              eligible.map((p) => p.id),
            ),
          )
          .returning({ id: products.id });
        changed.push(...updated.map((u) => u.id));
      }
      return { changed, refused };
    },

    settings,

    async updateSettings(_actorId, input) {
      await db.transaction(async (tx) => {
        const codes = input.currencies.map((c) => c.code);
        // A currency the shop stops selling in takes its prices with it (the admin asks first).
        await tx.delete(variantPrices).where(notInArray(variantPrices.currency, codes));
        await tx.delete(currencies).where(notInArray(currencies.code, codes));
        // No default for a moment, so the one-default index never sees two.
        await tx.update(currencies).set({ isDefault: false });
        for (const [position, currency] of input.currencies.entries()) {
          await tx
            .insert(currencies)
            .values({ code: currency.code, position, isDefault: currency.isDefault })
            .onConflictDoUpdate({
              target: currencies.code,
              set: { position, isDefault: currency.isDefault },
            });
        }
        await tx
          .insert(shopSettings)
          .values({ lowStockThreshold: input.lowStockThreshold })
          .onConflictDoUpdate({
            target: shopSettings.id,
            set: { lowStockThreshold: input.lowStockThreshold, updatedAt: sql`now()` },
          });
      });
      return settings();
    },

    async overview() {
      const [row] = await db
        .select({
          productsLive: sql<number>`(select count(*)::int from ${products} p where p.status = 'active'
            and exists (select 1 from ${variants} v join ${variantPrices} vp on vp.variant_id = v.id
              where v.product_id = p.id and v.archived_at is null))`,
          lowStock: sql<number>`count(*) filter (where ${available} > 0 and ${available} <= ${threshold})::int`,
          soldOut: sql<number>`count(*) filter (where ${available} <= 0)::int`,
        })
        .from(variants)
        .innerJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
        .innerJoin(products, eq(products.id, variants.productId))
        .where(and(sql`${variants.archivedAt} is null`, eq(products.status, 'active')));
      return {
        productsLive: row?.productsLive ?? 0,
        lowStock: row?.lowStock ?? 0,
        soldOut: row?.soldOut ?? 0,
      };
    },
  };
}
