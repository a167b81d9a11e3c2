/** How messages name an item: "Organic Cotton Tee (Navy / M)", or the title alone for a single variant. */
export const itemName = (productTitle: string, variantTitle: string) =>
  variantTitle === 'Default' ? productTitle : `${productTitle} (${variantTitle})`;
