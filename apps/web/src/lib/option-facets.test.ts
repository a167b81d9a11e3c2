import { describe, expect, it } from 'vitest';
import { optionFacetGroups } from './option-facets';

const facet = [
  {
    name: 'Size',
    values: [
      { value: 'S', count: 3 },
      { value: 'M', count: 5 },
    ],
  },
];

describe('optionFacetGroups', () => {
  it('offers the API’s options as they are', () => {
    expect(optionFacetGroups(facet, {})).toEqual(facet);
  });

  it('keeps chosen values that have no product left, with a count of 0', () => {
    expect(optionFacetGroups(facet, { Size: ['M', 'XL'], Colour: ['Navy'] })).toEqual([
      {
        name: 'Size',
        values: [
          { value: 'S', count: 3 },
          { value: 'M', count: 5 },
          { value: 'XL', count: 0 },
        ],
      },
      { name: 'Colour', values: [{ value: 'Navy', count: 0 }] },
    ]);
    expect(facet[0]?.values).toHaveLength(2);
  });
});
