import type {
  AdminProduct,
  ProductInput,
  ProductStatus,
  ShopCurrency,
  UpdateProductInput,
} from '@bazaar/contracts';
import { formatMoneyInput, parseMoneyInput } from './money';

/** The product editor's state: what staff type, as text, before it is checked. */
export interface OptionDraft {
  name: string;
  /** Comma-separated, in the order shown to shoppers. */
  values: string;
}

export interface PriceDraft {
  amount: string;
  compareAt: string;
}

export interface VariantDraft {
  id?: string;
  sku: string;
  options: Record<string, string>;
  /** By currency code. */
  prices: Record<string, PriceDraft>;
  onHand: string;
  reserved: number;
  lowStockThreshold: string;
  archived: boolean;
}

export interface ImageDraft {
  url: string;
  alt: string;
  width: number;
  height: number;
  /** `Name=Value`, or '' for the whole product. */
  option: string;
}

export interface ProductDraft {
  id?: string;
  version?: number;
  title: string;
  slug: string;
  description: string;
  status: ProductStatus;
  categoryId: string;
  options: OptionDraft[];
  variants: VariantDraft[];
  images: ImageDraft[];
}

const emptyPrices = (currencies: readonly ShopCurrency[]) =>
  Object.fromEntries(currencies.map((c) => [c.code, { amount: '', compareAt: '' }]));

export function emptyVariant(currencies: readonly ShopCurrency[], sku = ''): VariantDraft {
  return {
    sku,
    options: {},
    prices: emptyPrices(currencies),
    onHand: '0',
    reserved: 0,
    lowStockThreshold: '',
    archived: false,
  };
}

export function draftFromProduct(
  product: AdminProduct | null,
  currencies: readonly ShopCurrency[],
  categoryId = '',
): ProductDraft {
  if (!product) {
    return {
      title: '',
      slug: '',
      description: '',
      status: 'draft',
      categoryId,
      options: [],
      variants: [emptyVariant(currencies)],
      images: [],
    };
  }
  return {
    id: product.id,
    version: product.version,
    title: product.title,
    slug: product.slug,
    description: product.description,
    status: product.status,
    categoryId: product.categoryId,
    options: product.options.map((o) => ({ name: o.name, values: o.values.join(', ') })),
    variants: product.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      options: v.options,
      prices: {
        ...emptyPrices(currencies),
        ...Object.fromEntries(
          v.prices.map((p) => [
            p.currency,
            {
              amount: formatMoneyInput(p.amount, p.currency),
              compareAt: p.compareAt === null ? '' : formatMoneyInput(p.compareAt, p.currency),
            },
          ]),
        ),
      },
      onHand: String(v.onHand),
      reserved: v.reserved,
      lowStockThreshold: v.lowStockThreshold === null ? '' : String(v.lowStockThreshold),
      archived: v.archived,
    })),
    images: product.images.map((i) => ({
      url: i.url,
      alt: i.alt,
      width: i.width,
      height: i.height,
      option: i.option ? `${i.option.name}=${i.option.value}` : '',
    })),
  };
}

/** An option's values: split on commas, trimmed, without blanks or repeats. */
export function optionValues(option: OptionDraft): string[] {
  return [
    ...new Set(
      option.values
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

const comboKey = (options: Record<string, string>, names: readonly string[]) =>
  names.map((n) => options[n] ?? '').join('\u0000');

/** "Navy" → "NAVY", "Extra Large" → "EXTRALARGE": a SKU part. */
const skuPart = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '');

/**
 * One variant per combination of the option values (first option varying slowest). A variant
 * that already has a combination keeps everything staff entered for it; new ones get a SKU
 * from `skuPrefix` and the values, and the prices of the first variant as a start.
 */
export function generateVariants(
  draft: ProductDraft,
  currencies: readonly ShopCurrency[],
  skuPrefix: string,
): VariantDraft[] {
  const options = draft.options.filter((o) => o.name.trim() && optionValues(o).length);
  const names = options.map((o) => o.name.trim());
  let combos: Record<string, string>[] = [{}];
  for (const option of options) {
    combos = combos.flatMap((combo) =>
      optionValues(option).map((value) => ({ ...combo, [option.name.trim()]: value })),
    );
  }
  const existing = new Map(draft.variants.map((v) => [comboKey(v.options, names), v]));
  const template = draft.variants.find((v) => !v.archived) ?? emptyVariant(currencies);
  return combos.map((options) => {
    const found = existing.get(comboKey(options, names));
    if (found) return { ...found, options };
    return {
      ...emptyVariant(currencies),
      prices: structuredClone(template.prices),
      options,
      sku: [skuPart(skuPrefix) || 'SKU', ...names.map((n) => skuPart(options[n] ?? ''))].join('-'),
    };
  });
}

export type DraftResult =
  | { ok: true; input: ProductInput | UpdateProductInput }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * The API input for a draft. What cannot be sent (a price that is not an amount) becomes a field
 * error with the same path the API would use, so both kinds show next to the same input.
 */
export function inputFromDraft(
  draft: ProductDraft,
  currencies: readonly ShopCurrency[],
): DraftResult {
  const fieldErrors: Record<string, string[]> = {};
  const fail = (path: string, message: string) => {
    fieldErrors[path] = [message];
  };
  const count = (text: string, path: string, optional: boolean): number | null => {
    if (optional && text.trim() === '') return null;
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < 0) {
      fail(path, 'Enter a whole number, 0 or more');
      return null;
    }
    return n;
  };
  const variants = draft.variants.map((variant, i) => {
    const prices = currencies.flatMap(({ code }) => {
      const price = variant.prices[code];
      if (!price || price.amount.trim() === '') return [];
      const amount = parseMoneyInput(price.amount, code);
      if (amount === null)
        fail(
          `variants.${i}.prices.${code}.amount`,
          `Enter an amount such as ${formatMoneyInput(2900, code)}`,
        );
      let compareAt: number | null = null;
      if (price.compareAt.trim() !== '') {
        compareAt = parseMoneyInput(price.compareAt, code);
        if (compareAt === null)
          fail(
            `variants.${i}.prices.${code}.compareAt`,
            `Enter an amount such as ${formatMoneyInput(3900, code)}`,
          );
      }
      return [{ currency: code, amount: amount ?? 0, compareAt }];
    });
    return {
      ...(variant.id ? { id: variant.id } : {}),
      sku: variant.sku.trim(),
      options: variant.options,
      prices,
      onHand: count(variant.onHand, `variants.${i}.onHand`, false) ?? 0,
      lowStockThreshold: count(variant.lowStockThreshold, `variants.${i}.lowStockThreshold`, true),
      archived: variant.archived,
    };
  });
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const input: ProductInput = {
    title: draft.title.trim(),
    slug: draft.slug.trim(),
    description: draft.description,
    status: draft.status,
    categoryId: draft.categoryId,
    options: draft.options.map((o) => ({ name: o.name.trim(), values: optionValues(o) })),
    variants,
    images: draft.images.map((image) => {
      const [name = '', value = ''] = image.option.split('=');
      return {
        url: image.url,
        alt: image.alt.trim(),
        width: image.width,
        height: image.height,
        option: image.option ? { name, value } : null,
      };
    }),
  };
  return {
    ok: true,
    input: draft.id && draft.version ? { ...input, id: draft.id, version: draft.version } : input,
  };
}

/**
 * The API names a price by its index in the variant's price list; the editor by its currency.
 * Rewrites `variants.0.prices.1.amount` to `variants.0.prices.USD.amount` for the input sent.
 */
export function editorFieldErrors(
  fieldErrors: Record<string, string[]>,
  input: ProductInput,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([path, messages]) => {
      const match = /^variants\.(\d+)\.prices\.(\d+)(.*)$/.exec(path);
      if (!match) return [path, messages];
      const currency = input.variants[Number(match[1])]?.prices[Number(match[2])]?.currency;
      return [
        currency ? `variants.${match[1]}.prices.${currency}${match[3] || '.amount'}` : path,
        messages,
      ];
    }),
  );
}
