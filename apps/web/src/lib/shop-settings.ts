/**
 * What the admin's shipping, tax and discount forms type and show: percentages as basis points,
 * country lists, optional whole numbers and local date-times. Money goes through `money.ts`.
 */

/**
 * A tax rate as staff type it ("19", "7.25", "7,25 %") → basis points (1900, 725), or null when it
 * is not a percentage with at most two decimals.
 */
export function parsePercentInput(text: string): number | null {
  const match = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Basis points as staff edit them: 1900 → "19", 725 → "7.25", 750 → "7.5". */
export function formatPercentInput(bps: number): string {
  return String(bps / 100);
}

/** Basis points as a rate: 725 → "7.25%". */
export function formatRate(bps: number): string {
  return `${formatPercentInput(bps)}%`;
}

/** "de, AT ch" → ["DE", "AT", "CH"]: split on commas and spaces, upper-cased, each once. */
export function parseCountryList(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set(codes)];
}

/** An optional whole number field: "" → null, "12" → 12, anything else → "invalid". */
export function parseOptionalWhole(text: string): number | null | 'invalid' {
  const s = text.trim();
  if (s === '') return null;
  return /^\d{1,10}$/.test(s) ? Number(s) : 'invalid';
}

const two = (n: number) => String(n).padStart(2, '0');

/** A date for `<input type="datetime-local">`: "2025-03-05T14:03" in the runtime's time zone. */
export function toDateTimeLocal(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** What `<input type="datetime-local">` holds → a Date (local time); "" → null. */
export function fromDateTimeLocal(text: string): Date | null | 'invalid' {
  const s = text.trim();
  if (s === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!match) return 'invalid';
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : 'invalid';
}

/**
 * The first message for `field` or anything under it (`countries` covers `countries.2`), so a
 * form with one input for a list can show the list's errors.
 */
export function firstErrorUnder(
  fieldErrors: Record<string, string[]>,
  field: string,
): string | undefined {
  for (const [path, messages] of Object.entries(fieldErrors)) {
    if (path === field || path.startsWith(`${field}.`)) return messages[0];
  }
  return undefined;
}

/**
 * The API names a rate's fields by their place in the list sent (`rates.1.amount`); the form
 * shows one row per currency. Renames those paths to `rates.USD.amount`, given the currencies in
 * the order they were sent.
 */
export function ratesByCurrency(
  fieldErrors: Record<string, string[]>,
  sent: readonly string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const match = /^rates\.(\d+)(\..+)?$/.exec(path);
    const currency = match ? sent[Number(match[1])] : undefined;
    const key = match && currency ? `rates.${currency}${match[2] ?? ''}` : path;
    out[key] = [...(out[key] ?? []), ...messages];
  }
  return out;
}

/**
 * Field errors for a form that shows only some fields: those it shows stay by the field, the
 * others become the form's message, and with field errors alone the form says so.
 */
export function splitFormErrors(
  errors: { formError?: string; fieldErrors: Record<string, string[]> },
  shown: (field: string) => boolean,
): { formError?: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  const elsewhere: string[] = [];
  for (const [field, messages] of Object.entries(errors.fieldErrors)) {
    if (shown(field)) fieldErrors[field] = messages;
    else elsewhere.push(...messages);
  }
  const formError =
    errors.formError ??
    (elsewhere.length
      ? [...new Set(elsewhere)].join(' ')
      : Object.keys(fieldErrors).length
        ? 'Some fields need your attention.'
        : undefined);
  return formError === undefined ? { fieldErrors } : { formError, fieldErrors };
}

export interface DiscountSummary {
  kind: 'percentage' | 'fixed';
  percent: number | null;
  amount: number | null;
  currency: string | null;
  minSubtotal: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  timesUsed: number;
  active: boolean;
}

export type DiscountStatus = 'Active' | 'Inactive' | 'Scheduled' | 'Expired' | 'Used up';

/** Whether a shopper could use the code at `now` (the reasons checkout gives, as one word). */
export function discountStatus(code: DiscountSummary, now: Date = new Date()): DiscountStatus {
  if (!code.active) return 'Inactive';
  if (code.endsAt && code.endsAt <= now) return 'Expired';
  if (code.startsAt && code.startsAt > now) return 'Scheduled';
  if (code.usageLimit !== null && code.timesUsed >= code.usageLimit) return 'Used up';
  return 'Active';
}
