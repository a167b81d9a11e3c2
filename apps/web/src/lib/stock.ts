export type StockLevel = 'out' | 'low' | 'in';

/** `lowStock` comes from the API, which knows the shop's and the variant's threshold. */
export function stockLevel(stock: number, lowStock: boolean): StockLevel {
  if (stock <= 0) return 'out';
  return lowStock ? 'low' : 'in';
}

export function stockLabel(stock: number, lowStock: boolean): string {
  const level = stockLevel(stock, lowStock);
  if (level === 'out') return 'Out of stock';
  if (level === 'low') return `Only ${stock} left`;
  return 'In stock';
}
