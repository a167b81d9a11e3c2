'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False during server rendering and hydration, true afterwards. */
function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

const utcFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/**
 * A date and time in the visitor's time zone. The server cannot know that zone, so the first
 * render (server and hydration) shows UTC, then the browser's zone.
 */
export function LocalTime({ date }: { date: Date }) {
  const hydrated = useHydrated();
  const text = hydrated
    ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
    : `${utcFormat.format(date)} UTC`;
  return <time dateTime={date.toISOString()}>{text}</time>;
}
