import {
  type AdminProduct,
  AppError,
  invalidField,
  notFound,
  type ProductInput,
  type UpdateProductInput,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import {
  categories,
  currencies,
  inventoryLevels,
  productImages,
  productOptions,
  productOptionValues,
  products,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { and, asc, eq, inArray, like, ne, or, sql } from 'drizzle-orm';
import { isUniqueViolation, type Tx } from '../../db.ts';
import { changeStock } from '../inventory/stock.ts';
import { upsertOption, upsertOptionValue } from './options.ts';
import { sanitizeRichText } from './rich-text.ts';
import { firstFreeSlug, slugFromTitle } from './slugs.ts';

const STALE =
  'Someone else saved this product after you opened it. Reload to see their changes, then make yours again.';

/** The product as the admin's editor shows it, or NOT_FOUND. */
export async function loadAdminProduct(db: Database | Tx, id: string): Promise<AdminProduct> {
  const [product] = await db.select().from(products).where(eq(products.id, id));
  if (!product) throw notFound('Product');
  const [options, variantRows, links, prices, images] = await Promise.all([
    db
      .select({
        id: productOptions.id,
        name: productOptions.name,
        values: sql<{ id: string; value: string }[]>`coalesce((
          select json_agg(json_build_object('id', v.id, 'value', v.value) order by v.position, v.value)
          from ${productOptionValues} v
          -- Qualified by hand: in a one-table select Drizzle writes columns unqualified.
          where v.option_id = ${productOptions}.${sql.identifier('id')}), '[]'::json)`,
      })
      .from(productOptions)
      .where(eq(productOptions.productId, id))
      .orderBy(asc(productOptions.position), asc(productOptions.name)),
    db
      .select({
        id: variants.id,
        sku: variants.sku,
        archivedAt: variants.archivedAt,
        onHand: inventoryLevels.onHand,
        reserved: inventoryLevels.reserved,
        lowStockThreshold: inventoryLevels.lowStockThreshold,
      })
      .from(variants)
      .leftJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
      .where(eq(variants.productId, id))
      .orderBy(sql`${variants.archivedAt} is not null`, asc(variants.position), asc(variants.sku)),
    db.select().from(variantOptionValues).where(eq(variantOptionValues.productId, id)),
    db
      .select()
      .from(variantPrices)
      .innerJoin(variants, eq(variants.id, variantPrices.variantId))
      .where(eq(variants.productId, id))
      .orderBy(asc(variantPrices.currency)),
    db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, id))
      .orderBy(asc(productImages.position)),
  ]);
  const valueById = new Map(
    options.flatMap((o) => o.values.map((v) => [v.id, { name: o.name, value: v.value }] as const)),
  );
  return {
    id: product.id,
    version: product.version,
    title: product.title,
    slug: product.slug,
    description: product.description,
    status: product.status,
    categoryId: product.categoryId,
    options: options.map((o) => ({ name: o.name, values: o.values.map((v) => v.value) })),
    variants: variantRows.map((v) => ({
      id: v.id,
      sku: v.sku,
      options: Object.fromEntries(
        links
          .filter((l) => l.variantId === v.id)
          .flatMap((l) => {
            const value = valueById.get(l.valueId);
            return value ? [[value.name, value.value]] : [];
          }),
      ),
      prices: prices
        .filter((p) => p.variant_prices.variantId === v.id)
        .map((p) => ({
          currency: p.variant_prices.currency,
          amount: p.variant_prices.amount,
          compareAt: p.variant_prices.compareAtAmount,
        })),
      onHand: v.onHand ?? 0,
      reserved: v.reserved ?? 0,
      lowStockThreshold: v.lowStockThreshold,
      archived: v.archivedAt !== null,
    })),
    images: images.map((i) => ({
      url: i.url,
      alt: i.alt,
      width: i.width,
      height: i.height,
      option: i.optionValueId ? (valueById.get(i.optionValueId) ?? null) : null,
    })),
    updatedAt: product.updatedAt,
  };
}

/** Checks what Zod cannot: combinations against the options, and currencies against the shop. */
async function validate(tx: Tx, input: ProductInput): Promise<void> {
  const names = input.options.map((o) => o.name);
  const seen = new Map<string, number>();
  input.variants.forEach((variant, i) => {
    const keys = Object.keys(variant.options);
    if (keys.length !== names.length || !names.every((n) => keys.includes(n))) {
      throw invalidField(
        `variants.${i}.options`,
        names.length
          ? `Choose a value for each option: ${names.join(', ')}`
          : 'This product has no options',
      );
    }
    for (const option of input.options) {
      if (!option.values.includes(variant.options[option.name] ?? '')) {
        throw invalidField(
          `variants.${i}.options`,
          `${option.name} has no value “${variant.options[option.name]}”`,
        );
      }
    }
    if (variant.archived) return;
    const combination = names.map((n) => variant.options[n]).join('\u0000');
    if (seen.has(combination)) {
      throw invalidField(`variants.${i}.options`, 'Another variant has these options');
    }
    seen.set(combination, i);
  });
  const skus = input.variants.map((v) => v.sku);
  const twin = skus.findIndex((sku, i) => skus.indexOf(sku) !== i);
  if (twin >= 0) throw invalidField(`variants.${twin}.sku`, 'Another variant has this SKU');

  const shop = new Set(
    (await tx.select({ code: currencies.code }).from(currencies)).map((c) => c.code),
  );
  for (const [i, variant] of input.variants.entries()) {
    for (const [j, price] of variant.prices.entries()) {
      if (!shop.has(price.currency)) {
        throw invalidField(
          `variants.${i}.prices.${j}.currency`,
          `The shop does not sell in ${price.currency}`,
        );
      }
    }
  }
  const [category] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.id, input.categoryId));
  if (!category) throw invalidField('categoryId', 'Choose a category');
}

async function chooseSlug(tx: Tx, input: ProductInput, productId: string): Promise<string> {
  if (input.slug) {
    const [other] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.slug, input.slug), ne(products.id, productId)));
    if (other) throw invalidField('slug', 'Another product has this slug');
    return input.slug;
  }
  const base = slugFromTitle(input.title);
  const taken = await tx
    .select({ slug: products.slug })
    .from(products)
    .where(
      and(
        or(eq(products.slug, base), like(products.slug, `${base}-%`)),
        ne(products.id, productId),
      ),
    );
  return firstFreeSlug(base, new Set(taken.map((t) => t.slug)));
}

async function skusTakenElsewhere(tx: Tx, input: ProductInput, productId: string) {
  const taken = await tx
    .select({ sku: variants.sku })
    .from(variants)
    .where(
      and(
        inArray(
          variants.sku,
          input.variants.map((v) => v.sku),
        ),
        ne(variants.productId, productId),
      ),
    );
  const index = input.variants.findIndex((v) => taken.some((t) => t.sku === v.sku));
  if (index >= 0) throw invalidField(`variants.${index}.sku`, 'Another product has this SKU');
}

/** Makes the product's options and values exactly `input.options`; returns value ids by name. */
async function syncOptions(tx: Tx, productId: string, input: ProductInput) {
  const existing = await tx
    .select({ id: productOptions.id, name: productOptions.name })
    .from(productOptions)
    .where(eq(productOptions.productId, productId));
  const keep = new Set(input.options.map((o) => o.name));
  const gone = existing.filter((o) => !keep.has(o.name)).map((o) => o.id);
  if (gone.length) await tx.delete(productOptions).where(inArray(productOptions.id, gone));

  const ids = new Map<string, { optionId: string; valueId: string }>();
  for (const [position, option] of input.options.entries()) {
    const optionId = await upsertOption(tx, productId, option.name, position);
    await tx
      .delete(productOptionValues)
      .where(
        and(
          eq(productOptionValues.optionId, optionId),
          sql`not (${productOptionValues.value} = any(${sql.param(option.values)}::text[]))`,
        ),
      );
    for (const [valuePosition, value] of option.values.entries()) {
      ids.set(`${option.name}\u0000${value}`, {
        optionId,
        valueId: await upsertOptionValue(tx, optionId, value, valuePosition),
      });
    }
  }
  return ids;
}

type ValueIds = Awaited<ReturnType<typeof syncOptions>>;

/**
 * Makes the product's variants `input.variants`: a variant given by id, or else one with the
 * same option values, is updated; others are created. Variants left out are archived, never
 * deleted (orders may reference them). Stock changes are recorded as counts by `actorId`.
 */
async function syncVariants(
  tx: Tx,
  actorId: string,
  productId: string,
  input: ProductInput,
  ids: ValueIds,
) {
  const existing = await tx
    .select({ id: variants.id, archivedAt: variants.archivedAt })
    .from(variants)
    .where(eq(variants.productId, productId));
  const existingLinks = await tx
    .select()
    .from(variantOptionValues)
    .where(eq(variantOptionValues.productId, productId));
  const keyOf = (valueIds: string[]) => [...valueIds].sort().join(',');
  const existingKey = new Map(
    existing.map((v) => [
      v.id,
      keyOf(existingLinks.filter((l) => l.variantId === v.id).map((l) => l.valueId)),
    ]),
  );
  const matched = new Set<string>();
  const wanted = input.variants.map((variant, i) => {
    const links = input.options.map((o) => {
      const link = ids.get(`${o.name}\u0000${variant.options[o.name]}`);
      if (!link) throw invalidField(`variants.${i}.options`, 'Unknown option value');
      return link;
    });
    let id = variant.id;
    if (id !== undefined) {
      if (!existingKey.has(id))
        throw invalidField(`variants.${i}.id`, 'Not a variant of this product');
    } else {
      const key = keyOf(links.map((l) => l.valueId));
      id = existing.find(
        (v) =>
          !matched.has(v.id) &&
          existingKey.get(v.id) === key &&
          !input.variants.some((w) => w.id === v.id),
      )?.id;
    }
    if (id !== undefined) matched.add(id);
    return { variant, links, id, position: i };
  });

  const archivedNow = existing
    .filter((v) => !matched.has(v.id) && v.archivedAt === null)
    .map((v) => v.id);
  if (archivedNow.length) {
    await tx
      .update(variants)
      .set({ archivedAt: sql`now()` })
      .where(inArray(variants.id, archivedNow));
  }

  const title = (v: ProductInput['variants'][number]) =>
    input.options.map((o) => v.options[o.name]).join(' / ') || 'Default';
  for (const item of wanted) {
    const values = {
      sku: item.variant.sku,
      title: title(item.variant),
      position: item.position,
      archivedAt: item.variant.archived ? sql`coalesce(${variants.archivedAt}, now())` : null,
    };
    if (item.id) {
      await tx.update(variants).set(values).where(eq(variants.id, item.id));
    } else {
      const [row] = await tx
        .insert(variants)
        .values({ ...values, productId, archivedAt: item.variant.archived ? new Date() : null })
        .returning({ id: variants.id });
      item.id = (row as { id: string }).id;
      await tx.insert(inventoryLevels).values({ variantId: item.id, onHand: 0 });
    }
  }
  const variantIds = wanted.map((w) => w.id as string);
  await tx.delete(variantOptionValues).where(inArray(variantOptionValues.variantId, variantIds));
  const links = wanted.flatMap((w) =>
    w.links.map((l) => ({ variantId: w.id as string, productId, ...l })),
  );
  if (links.length) await tx.insert(variantOptionValues).values(links);

  await tx.delete(variantPrices).where(inArray(variantPrices.variantId, variantIds));
  const prices = wanted.flatMap((w) =>
    w.variant.prices.map((p) => ({
      variantId: w.id as string,
      currency: p.currency,
      amount: p.amount,
      compareAtAmount: p.compareAt,
    })),
  );
  if (prices.length) await tx.insert(variantPrices).values(prices);

  const levels = await tx
    .select({ variantId: inventoryLevels.variantId, onHand: inventoryLevels.onHand })
    .from(inventoryLevels)
    .where(inArray(inventoryLevels.variantId, variantIds));
  for (const w of wanted) {
    const id = w.id as string;
    await tx
      .update(inventoryLevels)
      .set({ lowStockThreshold: w.variant.lowStockThreshold })
      .where(eq(inventoryLevels.variantId, id));
    if (levels.find((l) => l.variantId === id)?.onHand !== w.variant.onHand) {
      await changeStock(tx, {
        variantId: id,
        change: { kind: 'set', onHand: w.variant.onHand, reason: 'count' },
        actorId,
        note: 'Product editor',
      });
    }
  }
}

async function syncImages(tx: Tx, productId: string, input: ProductInput, ids: ValueIds) {
  await tx.delete(productImages).where(eq(productImages.productId, productId));
  if (input.images.length === 0) return;
  await tx.insert(productImages).values(
    input.images.map((image, position) => {
      const option = image.option
        ? ids.get(`${image.option.name}\u0000${image.option.value}`)
        : undefined;
      if (image.option && !option) {
        throw invalidField(`images.${position}.option`, 'Not a value of this product');
      }
      return {
        productId,
        optionValueId: option?.valueId ?? null,
        url: image.url,
        alt: image.alt,
        width: image.width,
        height: image.height,
        position,
      };
    }),
  );
}

async function write(tx: Tx, actorId: string, productId: string, input: ProductInput) {
  await skusTakenElsewhere(tx, input, productId);
  const ids = await syncOptions(tx, productId, input);
  await syncVariants(tx, actorId, productId, input, ids);
  await syncImages(tx, productId, input, ids);
}

/** Runs a save; a concurrent save that took the same SKU or slug first is a clear CONFLICT. */
async function saving<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, 'variants_sku_unique')) {
      throw new AppError(
        'CONFLICT',
        'Another product took one of these SKUs while you were saving',
        { appCode: 'CHANGED_CONCURRENTLY' },
      );
    }
    if (isUniqueViolation(error, 'products_slug_unique')) {
      throw invalidField('slug', 'Another product has this slug');
    }
    throw error;
  }
}

export function createProduct(
  db: Database,
  actorId: string,
  input: ProductInput,
): Promise<AdminProduct> {
  return saving(() =>
    db.transaction(async (tx) => {
      await validate(tx, input);
      const id = crypto.randomUUID();
      await tx.insert(products).values({
        id,
        slug: await chooseSlug(tx, input, id),
        title: input.title,
        description: sanitizeRichText(input.description),
        status: input.status,
        categoryId: input.categoryId,
      });
      await write(tx, actorId, id, input);
      return loadAdminProduct(tx, id);
    }),
  );
}

export function updateProduct(
  db: Database,
  actorId: string,
  input: UpdateProductInput,
): Promise<AdminProduct> {
  return saving(() =>
    db.transaction(async (tx) => {
      await validate(tx, input);
      const slug = await chooseSlug(tx, input, input.id);
      // Take the version first: of two saves of one version, exactly one gets past this line.
      const [saved] = await tx
        .update(products)
        .set({
          slug,
          title: input.title,
          description: sanitizeRichText(input.description),
          status: input.status,
          categoryId: input.categoryId,
          version: sql`${products.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(products.id, input.id), eq(products.version, input.version)))
        .returning({ id: products.id });
      if (!saved) {
        const [exists] = await tx
          .select({ id: products.id })
          .from(products)
          .where(eq(products.id, input.id));
        throw exists
          ? new AppError('CONFLICT', STALE, { appCode: 'CHANGED_CONCURRENTLY' })
          : notFound('Product');
      }
      await write(tx, actorId, input.id, input);
      return loadAdminProduct(tx, input.id);
    }),
  );
}
