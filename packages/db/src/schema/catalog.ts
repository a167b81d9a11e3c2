import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
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

export const variants = pgTable(
  'variants',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text().notNull().unique(),
    title: text().notNull(),
    /** Option name → value, e.g. { "Size": "M" }. */
    options: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Integer minor units of `currency`. */
    priceAmount: integer().notNull(),
    currency: text().notNull(),
    stock: integer().notNull().default(0),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('variants_product_idx').on(t.productId, t.position),
    check('variants_stock_nonnegative', sql`${t.stock} >= 0`),
    check('variants_price_nonnegative', sql`${t.priceAmount} >= 0`),
    check('variants_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    alt: text().notNull().default(''),
    width: integer().notNull(),
    height: integer().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);
