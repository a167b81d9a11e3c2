import type { ProductDetail, Variant } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import { jsonLdText, productJsonLd } from './product-json-ld';

const URL = 'https://shop.example/p/linen-shirt';

function variant(sku: string, amount: number | null, stock: number): Variant {
  return {
    id: crypto.randomUUID(),
    sku,
    title: sku,
    options: {},
    price: amount === null ? null : { amount, currency: 'EUR' },
    compareAtPrice: null,
    stock,
    lowStock: false,
  };
}

function product(variants: Variant[]): ProductDetail {
  return {
    id: crypto.randomUUID(),
    slug: 'linen-shirt',
    title: 'Linen shirt',
    description: '<p>Soft &amp; cool.</p><p>Wash at 30°</p>',
    category: { id: crypto.randomUUID(), slug: 'shirts', name: 'Shirts' },
    images: [
      { url: '/media/a.jpg', alt: 'Front', width: 800, height: 800, variantId: null, option: null },
      { url: '/media/a.jpg', alt: 'Again', width: 800, height: 800, variantId: null, option: null },
      { url: '/media/b.jpg', alt: 'Back', width: 800, height: 800, variantId: null, option: null },
    ],
    options: [],
    variants,
    currency: 'EUR',
    currencies: ['EUR'],
  };
}

describe('productJsonLd', () => {
  it('describes a one-variant product with an Offer', () => {
    expect(productJsonLd(product([variant('LS-1', 4950, 3)]), URL)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Linen shirt',
      description: 'Soft & cool. Wash at 30°',
      url: URL,
      image: ['https://shop.example/media/a.jpg', 'https://shop.example/media/b.jpg'],
      sku: 'LS-1',
      category: 'Shirts',
      offers: {
        '@type': 'Offer',
        sku: 'LS-1',
        price: '49.50',
        priceCurrency: 'EUR',
        availability: 'https://schema.org/InStock',
        url: URL,
      },
    });
  });

  it('uses an AggregateOffer when the variants’ prices differ, skipping those not sold', () => {
    const data = productJsonLd(
      product([variant('S', 1000, 0), variant('L', 1200, 2), variant('XL', null, 9)]),
      URL,
    );
    expect(data.sku).toBeUndefined();
    expect(data.offers).toMatchObject({
      '@type': 'AggregateOffer',
      lowPrice: '10.00',
      highPrice: '12.00',
      priceCurrency: 'EUR',
      offerCount: 2,
      availability: 'https://schema.org/InStock',
      offers: [
        { sku: 'S', price: '10.00', availability: 'https://schema.org/OutOfStock' },
        { sku: 'L', price: '12.00', availability: 'https://schema.org/InStock' },
      ],
    });
  });

  it('is out of stock when no variant is, and has no offer when none is sold in the currency', () => {
    const samePriceSoldOut = productJsonLd(
      product([variant('A', 800, 0), variant('B', 800, 0)]),
      URL,
    );
    expect(samePriceSoldOut.offers).toMatchObject({
      '@type': 'Offer',
      price: '8.00',
      availability: 'https://schema.org/OutOfStock',
    });
    expect(productJsonLd(product([variant('A', null, 4)]), URL).offers).toBeUndefined();
  });
});

describe('jsonLdText', () => {
  it('cannot end its script element, and still parses to the same data', () => {
    const data = { description: '</script><script>alert(1)</script><!--' };
    const text = jsonLdText(data);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(data);
  });
});
