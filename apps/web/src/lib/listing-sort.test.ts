import { describe, expect, it } from 'vitest';
import { chosenSort, defaultSort, hasSearchWords, sortChoices } from './listing-sort';

describe('sortChoices', () => {
  it('offers best match only when searching, first', () => {
    expect(sortChoices(true).map((c) => c.value)).toEqual([
      'relevance',
      'newest',
      'price_asc',
      'price_desc',
      'name',
    ]);
    expect(sortChoices(false).map((c) => c.value)).not.toContain('relevance');
    expect(sortChoices(false)[0]).toEqual({ value: 'newest', label: 'Newest' });
  });
});

describe('chosenSort', () => {
  it('keeps only a sort that differs from the default', () => {
    expect(defaultSort(true)).toBe('relevance');
    expect(defaultSort(false)).toBe('newest');
    expect(chosenSort('relevance', true)).toBeNull();
    expect(chosenSort('newest', true)).toBe('newest');
    expect(chosenSort('newest', false)).toBeNull();
    expect(chosenSort('price_asc', false)).toBe('price_asc');
  });
});

describe('hasSearchWords', () => {
  it('counts letters and digits in any script, not punctuation alone', () => {
    expect(hasSearchWords('linen')).toBe(true);
    expect(hasSearchWords('  42 ')).toBe(true);
    expect(hasSearchWords('été')).toBe(true);
    expect(hasSearchWords('!!! -- ?')).toBe(false);
    expect(hasSearchWords('')).toBe(false);
  });
});
