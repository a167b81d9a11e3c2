import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** A PostgreSQL full-text document; read only in SQL. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const productStatus = pgEnum('product_status', ['draft', 'active', 'archived']);

export const categories = pgTable(
  'categories',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    description: text().notNull().default(''),
    parentId: uuid().references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('categories_parent_idx').on(t.parentId, t.position)],
);

export const products = pgTable(
  'products',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    description: text().notNull().default(''),
    status: productStatus().notNull().default('draft'),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    /** Raised by every save; a save made against an older version is refused. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The storefront search's document: the title (weight A, also with hyphens closed up, so
     * "tshirt" finds "T-Shirt") above the description (weight B, its HTML tags skipped by the
     * parser), stemmed in English.
     */
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, "title" || ' ' || regexp_replace("title", '([[:alnum:]])-([[:alnum:]])', '\1\2', 'g')), 'A') || setweight(to_tsvector('english'::regconfig, "description"), 'B')`,
      ),
  },
  (t) => [
    index('products_search_idx').using('gin', t.searchVector),
    // The admin's product list: recently updated first, or by title.
    index('products_updated_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('products_title_idx').on(t.title, t.id),
    // Substring search ("contains") on title and slug; the pg_trgm extension is made in 0006.
    index('products_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('products_slug_trgm_idx').using('gin', t.slug.op('gin_trgm_ops')),
    // Keyset pagination "newest first", all products and per category.
    index('products_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('products_category_status_created_idx').on(
      t.categoryId,
      t.status,
      t.createdAt.desc(),
      t.id.desc(),
    ),
  ],
);

/**
 * A sellable item of a product. Its option values are rows in `variant_option_values`; prices
 * (`variant_prices`) and stock (`inventory_levels`) live with pricing and inventory.
 *
 * Variants are never deleted once orders may reference them: the product foreign key is RESTRICT
 * and staff archive instead (`archived_at`).
 */
export const variants = pgTable(
  'variants',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    sku: text().notNull().unique(),
    title: text().notNull(),
    /**
     * The variant's option value ids, sorted by option id and comma-joined, kept by triggers
     * (migration 0003); an archived variant's key is prefixed with its own id. A deferred unique
     * constraint on (product_id, option_key), also in 0003 because Drizzle cannot express
     * DEFERRABLE, so refuses two live variants of one product with the same option values.
     */
    optionKey: text().notNull().default(''),
    position: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('variants_product_idx').on(t.productId, t.position),
    index('variants_sku_trgm_idx').using('gin', t.sku.op('gin_trgm_ops')),
    // Composite targets so option rows can prove they belong to the same product.
    unique('variants_id_product_unique').on(t.id, t.productId),
  ],
);

/** A product's option ("Size", "Colour"), shown in `position` order. */
export const productOptions = pgTable(
  'product_options',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [
    unique('product_options_product_name_unique').on(t.productId, t.name),
    unique('product_options_id_product_unique').on(t.id, t.productId),
    index('product_options_product_idx').on(t.productId, t.position),
  ],
);

/** One value of an option ("M", "Navy"), shown in `position` order. */
export const productOptionValues = pgTable(
  'product_option_values',
  {
    id: uuid().primaryKey().defaultRandom(),
    optionId: uuid()
      .notNull()
      .references(() => productOptions.id, { onDelete: 'cascade' }),
    value: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [
    unique('product_option_values_option_value_unique').on(t.optionId, t.value),
    unique('product_option_values_id_option_unique').on(t.id, t.optionId),
    index('product_option_values_option_idx').on(t.optionId, t.position),
  ],
);

/**
 * Which value a variant has for each option. The composite foreign keys make the database refuse
 * a value of another option, or an option of another product.
 */
export const variantOptionValues = pgTable(
  'variant_option_values',
  {
    variantId: uuid().notNull(),
    productId: uuid().notNull(),
    optionId: uuid().notNull(),
    valueId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.optionId] }),
    foreignKey({
      name: 'variant_option_values_variant_fk',
      columns: [t.variantId, t.productId],
      foreignColumns: [variants.id, variants.productId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'variant_option_values_option_fk',
      columns: [t.optionId, t.productId],
      foreignColumns: [productOptions.id, productOptions.productId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'variant_option_values_value_fk',
      columns: [t.valueId, t.optionId],
      foreignColumns: [productOptionValues.id, productOptionValues.optionId],
    }).onDelete('cascade'),
    index('variant_option_values_value_idx').on(t.valueId),
    // The product editor reads a product's links by product: without it, a scan of all of them.
    index('variant_option_values_product_idx').on(t.productId),
  ],
);

/**
 * A product picture. One that belongs to a variant or to an option value ("Navy") is shown when
 * the shopper picks it; one with neither belongs to the whole product.
 */
export const productImages = pgTable(
  'product_images',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    variantId: uuid().references(() => variants.id, { onDelete: 'cascade' }),
    optionValueId: uuid().references(() => productOptionValues.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    alt: text().notNull().default(''),
    width: integer().notNull(),
    height: integer().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [
    index('product_images_product_idx').on(t.productId, t.position),
    check('product_images_one_owner', sql`num_nonnulls(${t.variantId}, ${t.optionValueId}) <= 1`),
  ],
);

export const catalogImportStatus = pgEnum('catalog_import_status', ['running', 'done', 'failed']);

/** A CSV import: its progress while it runs, and a report of the rows it could not apply. */
export const catalogImports = pgTable('catalog_imports', {
  id: uuid().primaryKey().defaultRandom(),
  status: catalogImportStatus().notNull().default('running'),
  total: integer().notNull(),
  processed: integer().notNull().default(0),
  applied: integer().notNull().default(0),
  /** `{ row, field, message }` for each refused row (row 2 is the first after the header). */
  report: jsonb().$type<{ row: number; field: string; message: string }[]>().notNull().default([]),
  actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});
