import type { ProductSort } from '@bazaar/contracts';

const SORT_LABELS: Record<ProductSort, string> = {
  relevance: 'Best match',
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  name: 'Name: A to Z',
};

/** True when `q` has words the API searches for (letters or digits; punctuation alone is none). */
export function hasSearchWords(q: string): boolean {
  return /[\p{L}\p{N}]/u.test(q);
}

/** The order a listing has when the shopper chose none (as the API decides it). */
export function defaultSort(searching: boolean): ProductSort {
  return searching ? 'relevance' : 'newest';
}

/** The sorts to offer: best match only when there are search words to match. */
export function sortChoices(searching: boolean): { value: ProductSort; label: string }[] {
  return (Object.keys(SORT_LABELS) as ProductSort[])
    .filter((value) => searching || value !== 'relevance')
    .map((value) => ({ value, label: SORT_LABELS[value] }));
}

/** What a chosen sort is kept as: null (left out of the URL) when it is the default anyway. */
export function chosenSort(value: ProductSort, searching: boolean): ProductSort | null {
  return value === defaultSort(searching) ? null : value;
}
