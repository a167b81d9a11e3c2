import type { ProductSuggestions } from '@bazaar/contracts';

/** Characters of search text worth asking suggestions for (the API ignores spaces alone). */
export function suggestionQuery(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The search page for some words: `/search?q=rain+jacket`, or all products without any. */
export function searchHref(text: string): string {
  const q = suggestionQuery(text);
  return q ? `/search?${new URLSearchParams({ q })}` : '/search';
}

export type SuggestionItem =
  | { kind: 'product'; href: string; product: ProductSuggestions['products'][number] }
  | { kind: 'category'; href: string; name: string };

/** What the search box's list offers: the suggestions, then the search page for the words typed. */
export type SearchOption = SuggestionItem | { kind: 'search'; href: string; text: string };

/** The suggestions in the order the arrow keys walk them: products, then categories. */
export function suggestionItems(suggestions: ProductSuggestions | undefined): SuggestionItem[] {
  if (!suggestions) return [];
  return [
    ...suggestions.products.map(
      (product): SuggestionItem => ({ kind: 'product', href: `/p/${product.slug}`, product }),
    ),
    ...suggestions.categories.map(
      (category): SuggestionItem => ({
        kind: 'category',
        href: `/c/${category.slug}`,
        name: category.name,
      }),
    ),
  ];
}

/**
 * The option an arrow key moves to among `count` (-1: none, the text field itself). Down from
 * the last and up from the first wrap around, as listboxes do.
 */
export function moveActive(active: number, count: number, key: 'down' | 'up'): number {
  if (count === 0) return -1;
  if (key === 'down') return active >= count - 1 ? 0 : active + 1;
  return active <= 0 ? count - 1 : active - 1;
}
