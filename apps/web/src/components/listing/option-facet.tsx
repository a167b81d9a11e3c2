'use client';

import { useId, useState } from 'react';
import { toggleOptionValue } from '@/lib/listing-filters';
import { FacetCheckbox, FacetSection } from './facet-section';
import { useListingNavigation } from './listing-navigation';

/** Values shown before "Show all": long colour lists would push every other filter away. */
const FIRST_VALUES = 8;

/** One option's values as checkboxes; ticking several accepts any of them (Size M or L). */
export function OptionFacet({
  name,
  values,
}: {
  name: string;
  values: { value: string; count: number }[];
}) {
  const { state, navigate } = useListingNavigation();
  const [showAll, setShowAll] = useState(false);
  const listId = useId();
  const chosen = state.options[name] ?? [];
  // Chosen values stay in view even when the list is cut short.
  const shown = showAll
    ? values
    : values.filter((v, i) => i < FIRST_VALUES || chosen.includes(v.value));
  const hidden = values.length - shown.length;

  return (
    <FacetSection title={name} group>
      <ul id={listId} className="space-y-0.5">
        {shown.map(({ value, count }) => (
          <li key={value}>
            <FacetCheckbox
              label={value}
              count={count}
              checked={chosen.includes(value)}
              onChange={() => navigate(toggleOptionValue(state, name, value))}
            />
          </li>
        ))}
      </ul>
      {hidden > 0 || showAll ? (
        <button
          type="button"
          aria-expanded={showAll}
          aria-controls={listId}
          onClick={() => setShowAll(!showAll)}
          className="mt-2 rounded-sm px-2.5 font-medium text-brand-700 text-sm hover:text-brand-800 hover:underline"
        >
          {showAll ? 'Show fewer' : `Show all ${values.length}`}
        </button>
      ) : null}
    </FacetSection>
  );
}
