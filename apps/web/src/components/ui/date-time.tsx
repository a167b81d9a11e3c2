'use client';

import { formatLocalDateTime, formatServerDateTime } from '@/lib/date-time';
import { useHydrated } from '@/lib/use-hydrated';

/**
 * A date and time, the same way everywhere: in the browser's locale and time zone. The server
 * cannot know those, so it (and hydration, which must match it) renders UTC, labelled as such;
 * the local form replaces it right after hydration.
 */
export function DateTime({ value }: { value: Date }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={value.toISOString()}>
      {hydrated ? formatLocalDateTime(value) : formatServerDateTime(value)}
    </time>
  );
}
