/**
 * How dates and times are written, in the shop and the admin alike: the locale's medium date and
 * short time ("5 Mar 2025, 14:03" in en-GB, "Mar 5, 2025, 2:03 PM" in en-US).
 */
const STYLE = { dateStyle: 'medium', timeStyle: 'short' } as const;

/**
 * The server cannot know the visitor's locale or time zone, so it renders one fixed form, which
 * hydration must repeat exactly: en-GB in UTC, labelled as such.
 */
const SERVER_LOCALE = 'en-GB';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string | undefined, timeZone: string | undefined) {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...STYLE, ...(timeZone ? { timeZone } : {}) });
    formats.set(key, formatter);
  }
  return formatter;
}

/** The server's (and hydration's) rendering: the same for every visitor. */
export function formatServerDateTime(date: Date): string {
  return `${format(SERVER_LOCALE, 'UTC').format(date)} UTC`;
}

/**
 * The visitor's rendering: their locale and time zone (the runtime's defaults when omitted, which
 * in a browser are the browser's own).
 */
export function formatLocalDateTime(
  date: Date,
  { locale, timeZone }: { locale?: string; timeZone?: string } = {},
): string {
  return format(locale, timeZone).format(date);
}
