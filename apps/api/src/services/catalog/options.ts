import { productOptions, productOptionValues } from '@bazaar/db/schema';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db.ts';

/** The product's option of this name (created if missing), placed at `position`; its id. */
export async function upsertOption(tx: Tx, productId: string, name: string, position: number) {
  const [row] = await tx
    .insert(productOptions)
    .values({ productId, name, position })
    .onConflictDoUpdate({
      target: [productOptions.productId, productOptions.name],
      set: { position },
    })
    .returning({ id: productOptions.id });
  return (row as { id: string }).id;
}

/**
 * The option's value (created if missing); its id. At `position`, or with `'keep'` a new value
 * goes last and an existing one stays where it is.
 */
export async function upsertOptionValue(
  tx: Tx,
  optionId: string,
  value: string,
  position: number | 'keep',
) {
  const [row] = await tx
    .insert(productOptionValues)
    .values({
      optionId,
      value,
      position:
        position === 'keep'
          ? sql`(select count(*) from ${productOptionValues} v where v.option_id = ${optionId})`
          : position,
    })
    .onConflictDoUpdate({
      target: [productOptionValues.optionId, productOptionValues.value],
      set: position === 'keep' ? { value } : { position },
    })
    .returning({ id: productOptionValues.id });
  return (row as { id: string }).id;
}
