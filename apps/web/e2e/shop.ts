import type { ProductDetail } from '@bazaar/contracts';
import type { Page } from '@playwright/test';

/** A phone's viewport (CSS pixels), as the phone tests use it. */
export const PHONE = { width: 390, height: 844 };

/** On a product page, picks `variant` option by option, as a shopper clicks the chips. */
export async function pickVariant(
  page: Page,
  product: Pick<ProductDetail, 'options'>,
  variant: { options: Record<string, string> },
) {
  for (const option of product.options) {
    const value = variant.options[option.name];
    if (value === undefined) continue;
    await page
      .getByRole('group', { name: new RegExp(`^${option.name}`) })
      .getByRole('radio', { name: value, exact: false })
      .first()
      .check();
  }
}
