import type { AdminProduct } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import {
  draftFromProduct,
  editorFieldErrors,
  generateVariants,
  inputFromDraft,
  optionValues,
} from './product-draft';

const CURRENCIES = [
  { code: 'EUR', isDefault: true },
  { code: 'USD', isDefault: false },
];
const ID = '0b7f7a3c-8f4e-4f57-9e59-3d4f3f1f2a10';

const product: AdminProduct = {
  id: ID,
  version: 4,
  title: 'Tee',
  slug: 'tee',
  description: '<p>Soft</p>',
  status: 'active',
  categoryId: ID,
  options: [
    { name: 'Colour', values: ['Navy', 'Oat'] },
    { name: 'Size', values: ['M'] },
  ],
  variants: [
    {
      id: ID,
      sku: 'TEE-NAVY-M',
      options: { Colour: 'Navy', Size: 'M' },
      prices: [{ currency: 'EUR', amount: 2900, compareAt: 3900 }],
      onHand: 4,
      reserved: 1,
      lowStockThreshold: null,
      archived: false,
    },
  ],
  images: [
    {
      url: '/media/a.webp',
      alt: 'Navy',
      width: 10,
      height: 10,
      option: { name: 'Colour', value: 'Navy' },
    },
  ],
  updatedAt: new Date(),
};

describe('the product draft', () => {
  it('shows prices in major units and round-trips to the same input', () => {
    const draft = draftFromProduct(product, CURRENCIES);
    expect(draft.variants[0]?.prices).toEqual({
      EUR: { amount: '29.00', compareAt: '39.00' },
      USD: { amount: '', compareAt: '' },
    });
    const result = inputFromDraft(draft, CURRENCIES);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({
      id: ID,
      version: 4,
      options: product.options,
      variants: [
        {
          id: ID,
          sku: 'TEE-NAVY-M',
          prices: [{ currency: 'EUR', amount: 2900, compareAt: 3900 }],
          onHand: 4,
          lowStockThreshold: null,
        },
      ],
      images: [{ url: '/media/a.webp', option: { name: 'Colour', value: 'Navy' } }],
    });
  });

  it('splits option values on commas, without blanks or repeats', () => {
    expect(optionValues({ name: 'Size', values: ' S, M ,, S,L ' })).toEqual(['S', 'M', 'L']);
  });

  it('generates one variant per combination, keeping what was entered for existing ones', () => {
    const draft = draftFromProduct(product, CURRENCIES);
    draft.options = [
      { name: 'Colour', values: 'Navy, Oat' },
      { name: 'Size', values: 'M, L' },
    ];
    const variants = generateVariants(draft, CURRENCIES, 'tee');
    expect(variants.map((v) => [v.sku, v.options])).toEqual([
      ['TEE-NAVY-M', { Colour: 'Navy', Size: 'M' }],
      ['TEE-NAVY-L', { Colour: 'Navy', Size: 'L' }],
      ['TEE-OAT-M', { Colour: 'Oat', Size: 'M' }],
      ['TEE-OAT-L', { Colour: 'Oat', Size: 'L' }],
    ]);
    // The existing variant keeps its id and stock; new ones start from its prices.
    expect(variants[0]).toMatchObject({ id: ID, onHand: '4' });
    expect(variants[3]?.id).toBeUndefined();
    expect(variants[3]?.prices.EUR).toEqual({ amount: '29.00', compareAt: '39.00' });
  });

  it('reports prices and counts it cannot send under the editor’s field names', () => {
    const draft = draftFromProduct(product, CURRENCIES);
    const variant = draft.variants[0];
    if (!variant) throw new Error('no variant');
    variant.prices.USD = { amount: '12,5,0', compareAt: '' };
    variant.onHand = '-1';
    variant.lowStockThreshold = 'x';
    const result = inputFromDraft(draft, CURRENCIES);
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        'variants.0.prices.USD.amount': ['Enter an amount such as 29.00'],
        'variants.0.onHand': ['Enter a whole number, 0 or more'],
        'variants.0.lowStockThreshold': ['Enter a whole number, 0 or more'],
      },
    });
  });

  it('names the API’s price errors by currency', () => {
    const draft = draftFromProduct(product, CURRENCIES);
    const variant = draft.variants[0];
    if (!variant) throw new Error('no variant');
    variant.prices.USD = { amount: '30', compareAt: '20' };
    const result = inputFromDraft(draft, CURRENCIES);
    if (!result.ok) throw new Error('expected an input');
    expect(
      editorFieldErrors(
        {
          'variants.0.prices.1.compareAt': ['too low'],
          'variants.0.prices.0': ['x'],
          title: ['t'],
        },
        result.input,
      ),
    ).toEqual({
      'variants.0.prices.USD.compareAt': ['too low'],
      'variants.0.prices.EUR.amount': ['x'],
      title: ['t'],
    });
  });
});
