import { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
/** A surrogate half without its partner: not encodable as UTF-8, so never storable as sent. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` holds nothing PostgreSQL refuses (NUL) or a person would not type. */
export function isPlainText(value: string, { multiline = false } = {}): boolean {
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return false;
  return multiline || !LINE_BREAK_OR_TAB.test(value);
}

const NOT_PLAIN = 'Remove control characters and line breaks';
const NOT_PLAIN_MULTILINE = 'Remove control characters';

/**
 * Every free-text input goes through this: trimmed, at most `max` characters, and refusing
 * control characters (NUL would make PostgreSQL fail), unpaired surrogates and, unless
 * `multiline`, line breaks and tabs. Add `.min(1, '…')` for required fields.
 */
export function plainText(max: number, options: { multiline?: boolean; label?: string } = {}) {
  const multiline = options.multiline ?? false;
  return z
    .string()
    .trim()
    .max(max, `${options.label ?? 'This field'} is at most ${max} characters`)
    .refine((value) => isPlainText(value, { multiline }), {
      error: multiline ? NOT_PLAIN_MULTILINE : NOT_PLAIN,
      abort: true,
    });
}
