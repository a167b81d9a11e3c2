import type { Money, ProductDetail, ProductDetailImage, Variant } from '@bazaar/contracts';

export type Selection = Record<string, string>;

type OptionList = ProductDetail['options'];

/** Whether `variant` agrees with `selection` on the first `count` options. */
function matchesPrefix(variant: Variant, options: OptionList, selection: Selection, count: number) {
  return options.slice(0, count).every((o) => variant.options[o.name] === selection[o.name]);
}

/** The variant whose options equal the selection exactly, if any. */
export function findVariant(
  variants: readonly Variant[],
  options: OptionList,
  selection: Selection,
): Variant | undefined {
  return variants.find((v) => matchesPrefix(v, options, selection, options.length));
}

/**
 * Whether `value` can be picked for the option at `index`, given the choices made for the options
 * before it. Options are narrowed in order (Size, then Colour…), so the first option is never
 * blocked and a shopper can always reach every variant.
 */
export function isValueAvailable(
  variants: readonly Variant[],
  options: OptionList,
  selection: Selection,
  index: number,
  value: string,
): boolean {
  const option = options[index];
  if (!option) return false;
  return variants.some(
    (v) => v.options[option.name] === value && matchesPrefix(v, options, selection, index),
  );
}

/**
 * Picks `value` for the option at `index`, then repairs the later options so the selection still
 * names a real variant (keeping each later choice when it is still possible, preferring in-stock
 * values otherwise).
 */
export function selectValue(
  variants: readonly Variant[],
  options: OptionList,
  selection: Selection,
  index: number,
  value: string,
): Selection {
  const option = options[index];
  if (!option) return selection;
  const next: Selection = { ...selection, [option.name]: value };
  for (let j = index + 1; j < options.length; j++) {
    const later = options[j];
    if (!later) continue;
    const candidates = variants.filter((v) => matchesPrefix(v, options, next, j));
    const keep = candidates.some((v) => v.options[later.name] === next[later.name]);
    if (keep) continue;
    const replacement = candidates.find((v) => v.stock > 0) ?? candidates[0];
    const replacementValue = replacement?.options[later.name];
    if (replacementValue !== undefined) next[later.name] = replacementValue;
  }
  return next;
}

/** Initial selection: the first variant in stock, or the first variant at all. */
export function initialSelection(product: Pick<ProductDetail, 'variants' | 'options'>): Selection {
  const variant = product.variants.find((v) => v.stock > 0) ?? product.variants[0];
  const selection: Selection = {};
  for (const option of product.options) {
    const value = variant?.options[option.name] ?? option.values[0];
    if (value !== undefined) selection[option.name] = value;
  }
  return selection;
}

/** The cheapest and dearest variant prices, or `null` when no variant has a price. */
export function priceRange(variants: readonly Pick<Variant, 'price'>[]): {
  min: Money;
  max: Money;
} | null {
  const prices = variants
    .map((v) => v.price)
    .filter((p): p is Money => p !== null)
    .sort((a, b) => a.amount - b.amount);
  const min = prices[0];
  const max = prices.at(-1);
  return min && max ? { min, max } : null;
}

/**
 * The pictures for what the shopper picked: the chosen variant's own and those of the chosen
 * option values ("Navy") first, then the product's general ones. Pictures of values not chosen
 * (the oat ones while Navy is picked) are left out.
 */
export function galleryImages(
  images: readonly ProductDetailImage[],
  selection: Selection,
  variant: Pick<Variant, 'id'> | undefined,
): ProductDetailImage[] {
  const chosen = images.filter(
    (i) =>
      (i.variantId !== null && i.variantId === variant?.id) ||
      (i.option !== null && selection[i.option.name] === i.option.value),
  );
  const general = images.filter((i) => i.variantId === null && i.option === null);
  return [...chosen, ...general];
}
