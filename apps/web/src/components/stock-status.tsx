import { type StockLevel, stockLabel, stockLevel } from '@/lib/stock';

const STYLES: Record<StockLevel, { dot: string; text: string }> = {
  in: { dot: 'bg-emerald-600', text: 'text-emerald-800' },
  low: { dot: 'bg-amber-500', text: 'text-amber-800' },
  out: { dot: 'bg-stone-400', text: 'text-stone-600' },
};

export function StockStatus({ stock, lowStock }: { stock: number; lowStock: boolean }) {
  const style = STYLES[stockLevel(stock, lowStock)];
  return (
    <p
      className={`inline-flex items-center gap-2 font-medium text-sm ${style.text}`}
      data-testid="stock-status"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${style.dot}`} />
      {stockLabel(stock, lowStock)}
    </p>
  );
}
