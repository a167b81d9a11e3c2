'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * A date in the viewer's time zone. The server (and hydration) render UTC, labelled as such, so
 * the markup matches; the local time replaces it right after hydration.
 */
export function DateTime({ value }: { value: Date }) {
  const local = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const text = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(local ? {} : { timeZone: 'UTC' }),
  }).format(value);
  return <time dateTime={value.toISOString()}>{local ? text : `${text} UTC`}</time>;
}
