/** Clothing sizes in the order shoppers expect them; other values sort naturally. */
const SIZES = [
  'xxxs',
  '3xs',
  'xxs',
  '2xs',
  'xs',
  's',
  'm',
  'l',
  'xl',
  'xxl',
  '2xl',
  'xxxl',
  '3xl',
  '4xl',
  '5xl',
];
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Option values for a facet: sizes small to large, numbers by value, words alphabetically. */
export function sortOptionValues<T extends { value: string }>(values: T[]): T[] {
  const rank = (v: string) => SIZES.indexOf(v.trim().toLowerCase());
  return [...values].sort((a, b) => {
    const ra = rank(a.value);
    const rb = rank(b.value);
    if (ra !== -1 && rb !== -1) return ra - rb;
    if (ra !== -1 || rb !== -1) return ra === -1 ? 1 : -1;
    return collator.compare(a.value, b.value);
  });
}
