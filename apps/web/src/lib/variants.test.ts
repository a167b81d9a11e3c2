import type { ProductDetail, ProductDetailImage, Variant } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import {
  findVariant,
  galleryImages,
  initialSelection,
  isValueAvailable,
  priceRange,
  selectValue,
} from './variants';

const options: ProductDetail['options'] = [
  { name: 'Size', values: ['S', 'M', 'L'] },
  { name: 'Colour', values: ['Red', 'Blue', 'Green'] },
];

let counter = 0;
function variant(size: string, colour: string, stock: number, amount = 1000): Variant {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    sku: `SKU-${size}-${colour}`,
    title: `${size} / ${colour}`,
    options: { Size: size, Colour: colour },
    price: { amount, currency: 'EUR' },
    compareAtPrice: null,
    stock,
    lowStock: stock > 0 && stock <= 5,
  };
}

// S comes in Red and Blue; M in Blue (sold out) and Green; L only in Green.
const sRed = variant('S', 'Red', 3, 1000);
const sBlue = variant('S', 'Blue', 0, 1000);
const mBlue = variant('M', 'Blue', 0, 1200);
const mGreen = variant('M', 'Green', 7, 1200);
const lGreen = variant('L', 'Green', 1, 1500);
const variants = [sRed, sBlue, mBlue, mGreen, lGreen];

describe('findVariant', () => {
  it('finds the variant matching every option', () => {
    expect(findVariant(variants, options, { Size: 'M', Colour: 'Green' })).toBe(mGreen);
    expect(findVariant(variants, options, { Size: 'S', Colour: 'Blue' })).toBe(sBlue);
  });

  it('finds nothing for a combination that does not exist or is incomplete', () => {
    expect(findVariant(variants, options, { Size: 'L', Colour: 'Red' })).toBeUndefined();
    expect(findVariant(variants, options, { Size: 'S' })).toBeUndefined();
  });

  it('takes the only variant of a product without options', () => {
    const single = variant('-', '-', 1);
    expect(findVariant([single], [], {})).toBe(single);
  });
});

describe('isValueAvailable', () => {
  it('never blocks a value of the first option that some variant has', () => {
    for (const size of ['S', 'M', 'L']) {
      expect(isValueAvailable(variants, options, { Size: 'L', Colour: 'Green' }, 0, size)).toBe(
        true,
      );
    }
    expect(isValueAvailable(variants, options, {}, 0, 'XL')).toBe(false);
  });

  it('narrows later options by the choices before them', () => {
    const small = { Size: 'S', Colour: 'Red' };
    expect(isValueAvailable(variants, options, small, 1, 'Red')).toBe(true);
    expect(isValueAvailable(variants, options, small, 1, 'Blue')).toBe(true);
    expect(isValueAvailable(variants, options, small, 1, 'Green')).toBe(false);
    const large = { Size: 'L', Colour: 'Green' };
    expect(isValueAvailable(variants, options, large, 1, 'Red')).toBe(false);
    expect(isValueAvailable(variants, options, large, 1, 'Green')).toBe(true);
  });

  it('counts sold-out variants as available (they are shown, marked out of stock)', () => {
    expect(isValueAvailable(variants, options, { Size: 'M' }, 1, 'Blue')).toBe(true);
  });

  it('is false for an option index that does not exist', () => {
    expect(isValueAvailable(variants, options, {}, 2, 'Red')).toBe(false);
  });
});

describe('selectValue', () => {
  it('keeps later choices that are still possible', () => {
    const next = selectValue(variants, options, { Size: 'S', Colour: 'Blue' }, 0, 'M');
    expect(next).toEqual({ Size: 'M', Colour: 'Blue' });
  });

  it('repairs later choices that became impossible, preferring a variant in stock', () => {
    // M has Blue (sold out) and Green (in stock): Red is impossible, Green is chosen.
    expect(selectValue(variants, options, { Size: 'S', Colour: 'Red' }, 0, 'M')).toEqual({
      Size: 'M',
      Colour: 'Green',
    });
    expect(selectValue(variants, options, { Size: 'S', Colour: 'Red' }, 0, 'L')).toEqual({
      Size: 'L',
      Colour: 'Green',
    });
  });

  it('falls back to a sold-out variant when nothing is in stock', () => {
    const soldOut = [variant('S', 'Red', 0), variant('M', 'Blue', 0)];
    expect(selectValue(soldOut, options, { Size: 'S', Colour: 'Red' }, 0, 'M')).toEqual({
      Size: 'M',
      Colour: 'Blue',
    });
  });

  it('always names a real variant after a change of the first option', () => {
    for (const size of ['S', 'M', 'L']) {
      for (const start of variants) {
        const next = selectValue(variants, options, { ...start.options }, 0, size);
        expect(findVariant(variants, options, next), `${size} from ${start.sku}`).toBeDefined();
      }
    }
  });

  it('changes only the chosen option when it is the last one', () => {
    expect(selectValue(variants, options, { Size: 'S', Colour: 'Red' }, 1, 'Blue')).toEqual({
      Size: 'S',
      Colour: 'Blue',
    });
  });

  it('does not modify the selection it is given', () => {
    const selection = { Size: 'S', Colour: 'Red' };
    selectValue(variants, options, selection, 0, 'L');
    expect(selection).toEqual({ Size: 'S', Colour: 'Red' });
  });

  it('ignores an option index that does not exist', () => {
    const selection = { Size: 'S', Colour: 'Red' };
    expect(selectValue(variants, options, selection, 5, 'x')).toBe(selection);
  });
});

describe('initialSelection', () => {
  it('starts on the first variant in stock', () => {
    expect(initialSelection({ options, variants: [sBlue, mBlue, mGreen, sRed] })).toEqual({
      Size: 'M',
      Colour: 'Green',
    });
  });

  it('starts on the first variant when none is in stock', () => {
    expect(initialSelection({ options, variants: [sBlue, mBlue] })).toEqual({
      Size: 'S',
      Colour: 'Blue',
    });
  });

  it('uses the first value of each option when there are no variants', () => {
    expect(initialSelection({ options, variants: [] })).toEqual({ Size: 'S', Colour: 'Red' });
  });
});

describe('priceRange', () => {
  it('is the cheapest and the dearest price, whatever the order', () => {
    expect(priceRange([mGreen, lGreen, sRed])).toEqual({
      min: { amount: 1000, currency: 'EUR' },
      max: { amount: 1500, currency: 'EUR' },
    });
  });

  it('is one price for one variant, and nothing without variants', () => {
    expect(priceRange([mGreen])).toEqual({ min: mGreen.price, max: mGreen.price });
    expect(priceRange([])).toBeNull();
  });

  it('leaves out variants without a price in the currency', () => {
    expect(priceRange([{ price: null }, mGreen])).toEqual({ min: mGreen.price, max: mGreen.price });
    expect(priceRange([{ price: null }])).toBeNull();
  });
});

describe('galleryImages', () => {
  const image = (
    url: string,
    owner: Partial<Pick<ProductDetailImage, 'variantId' | 'option'>> = {},
  ) => ({
    url,
    alt: url,
    width: 800,
    height: 800,
    variantId: null,
    option: null,
    ...owner,
  });
  const general = image('general');
  const blue = image('blue', { option: { name: 'Colour', value: 'Blue' } });
  const green = image('green', { option: { name: 'Colour', value: 'Green' } });
  const mGreenOnly = image('m-green', { variantId: mGreen.id });
  const images = [general, blue, green, mGreenOnly];

  it('puts the chosen value’s and variant’s pictures first and hides the other values', () => {
    expect(galleryImages(images, { Size: 'M', Colour: 'Green' }, mGreen)).toEqual([
      green,
      mGreenOnly,
      general,
    ]);
    expect(galleryImages(images, { Size: 'S', Colour: 'Blue' }, sBlue)).toEqual([blue, general]);
  });

  it('shows the general pictures when nothing specific is chosen', () => {
    expect(galleryImages(images, {}, undefined)).toEqual([general]);
  });
});
