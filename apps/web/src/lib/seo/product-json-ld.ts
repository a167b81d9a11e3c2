import type { ProductDetail } from '@bazaar/contracts';
import { decimalAmount } from '../money';
import { plainTextOf } from '../text';

const IN_STOCK = 'https://schema.org/InStock';
const OUT_OF_STOCK = 'https://schema.org/OutOfStock';

/**
 * schema.org `Product` for a product page, in the page's currency: one `Offer` when every
 * variant sold in it costs the same, else an `AggregateOffer` (low/high price) holding an
 * `Offer` per variant. Availability follows the stock the page shows. `url` is the page's
 * absolute URL; image URLs are made absolute against it.
 */
export function productJsonLd(product: ProductDetail, url: string): Record<string, unknown> {
  const forSale = product.variants.filter((v) => v.price !== null);
  const availability = (stock: number) => (stock > 0 ? IN_STOCK : OUT_OF_STOCK);
  const images = [...new Set(product.images.map((i) => new URL(i.url, url).href))];
  const [only] = product.variants.length === 1 ? product.variants : [];
  const offerOf = (v: (typeof forSale)[number]) => ({
    '@type': 'Offer',
    sku: v.sku,
    price: decimalAmount({ amount: v.price?.amount ?? 0, currency: product.currency }),
    priceCurrency: product.currency,
    availability: availability(v.stock),
    url,
  });
  const amounts = forSale.map((v) => v.price?.amount ?? 0);
  const low = Math.min(...amounts);
  const high = Math.max(...amounts);
  const anyInStock = forSale.some((v) => v.stock > 0);

  let offers: Record<string, unknown> | undefined;
  if (forSale.length > 0 && low === high) {
    offers = {
      '@type': 'Offer',
      ...(forSale.length === 1 ? { sku: forSale[0]?.sku } : {}),
      price: decimalAmount({ amount: low, currency: product.currency }),
      priceCurrency: product.currency,
      availability: availability(anyInStock ? 1 : 0),
      url,
    };
  } else if (forSale.length > 0) {
    offers = {
      '@type': 'AggregateOffer',
      lowPrice: decimalAmount({ amount: low, currency: product.currency }),
      highPrice: decimalAmount({ amount: high, currency: product.currency }),
      priceCurrency: product.currency,
      offerCount: forSale.length,
      availability: availability(anyInStock ? 1 : 0),
      offers: forSale.map(offerOf),
    };
  }

  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: plainTextOf(product.description),
    url,
    ...(images.length > 0 ? { image: images } : {}),
    ...(only ? { sku: only.sku } : {}),
    category: product.category.name,
    ...(offers ? { offers } : {}),
  };
}

/**
 * JSON for an inline `<script type="application/ld+json">`. `<` is written as `\u003c` (still
 * the same JSON), so no text in the data, `</script>` included, can end the element early.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
