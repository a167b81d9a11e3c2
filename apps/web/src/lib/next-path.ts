/**
 * `?next=` targets: where to send someone after they sign in. A target is followed only when it is
 * a path on this site under every reading a browser, a proxy or a server might give it; anything
 * else falls back. This is the only place that decides: the shop and the admin both use it.
 */

/** Longer targets are refused outright (nothing legitimate comes close). */
export const MAX_NEXT_LENGTH = 2048;

/** How many rounds of percent-decoding are looked through (`%252f` → `%2f` → `/`). */
const DECODE_ROUNDS = 3;

const BASE = 'http://bazaar.invalid';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;
/** An encoded slash or backslash becomes a path separator for whoever decodes it next. */
const ENCODED_SEPARATOR = /%(?:2f|5c)/i;

/** Decodes `%XX` sequences once, byte by byte; anything else (a lone `%`) is kept as it is. */
function percentDecodeOnce(value: string): string {
  return value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/**
 * One reading of the target, normalised the way a browser resolves it on this site (dot segments
 * and `%2e` removed, other characters percent-encoded), or `null` when it is not a plain path on
 * this site.
 */
function normalise(reading: string): URL | null {
  if (!reading.startsWith('/') || reading.startsWith('//')) return null;
  if (CONTROL_OR_BACKSLASH.test(reading) || ENCODED_SEPARATOR.test(reading)) return null;
  let url: URL;
  try {
    url = new URL(reading, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // `/a/..//evil` resolves to `//evil`, a protocol-relative URL once it is a Location header.
  // No page has an empty path segment, so none is accepted anywhere in the path.
  if (url.pathname.includes('//')) return null;
  return url;
}

function isWithin(pathname: string, prefix: string) {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export interface NextPathRules {
  /** Only paths at or below this one are followed (e.g. `/admin`). */
  within?: string;
  /** Paths at or below these are not followed (e.g. the sign-in page itself). */
  exclude?: readonly string[];
}

/**
 * The normalised path (`/account/addresses?x=1#y`) when `next` is safe to redirect to, else
 * `null`. Refused: anything that is not a string of at most {@link MAX_NEXT_LENGTH} characters
 * starting with a single `/`; control characters and backslashes; encoded slashes and
 * backslashes (`%2f`, `%5c`, also double-encoded); and anything that, once dot segments are
 * resolved, has an empty segment (`//`: at the start, a protocol-relative URL) or leaves
 * `rules.within`. Each percent-decoding of the target is held to the same rules, so a server or
 * proxy that decodes it once more still sees a local path.
 */
export function safeNextPath(next: unknown, rules: NextPathRules = {}): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_NEXT_LENGTH) return null;
  let result: string | null = null;
  let reading = next;
  for (let round = 0; ; round++) {
    const url = normalise(reading);
    if (!url) return null;
    if (rules.within && !isWithin(url.pathname, rules.within)) return null;
    if (rules.exclude?.some((path) => isWithin(url.pathname, path))) return null;
    result ??= `${url.pathname}${url.search}${url.hash}`;
    const decoded = percentDecodeOnce(reading);
    if (decoded === reading) return result;
    // Still changing after this many rounds: nobody encodes a real path that deeply.
    if (round === DECODE_ROUNDS) return null;
    reading = decoded;
  }
}

// ── The shop ────────────────────────────────────────────────────────────────────

/**
 * Where the shop's sign-in and sign-up send someone back to, or `null` for "nowhere in
 * particular" (the page then picks a default: `/account`, or `/admin` for staff).
 */
export function shopNextPath(next: unknown): string | null {
  return safeNextPath(next, { exclude: ['/sign-in', '/sign-up'] });
}

/** `/sign-in`, with `?next=` when there is somewhere to come back to. */
export function signInHref(next?: string | null): string {
  const target = next && next !== '/' ? shopNextPath(next) : null;
  return target ? `/sign-in?next=${encodeURIComponent(target)}` : '/sign-in';
}

// ── The admin ───────────────────────────────────────────────────────────────────

export const ADMIN_HOME = '/admin';

const ADMIN_RULES: NextPathRules = {
  within: ADMIN_HOME,
  exclude: ['/admin/sign-in', '/admin/accept-invite'],
};

/** Where the admin's sign-in continues to: a page of the admin (never its sign-in pages). */
export function adminNextPath(next: unknown): string {
  return safeNextPath(next, ADMIN_RULES) ?? ADMIN_HOME;
}

/** `/admin/sign-in`, with `?next=` when `next` is an admin page to come back to. */
export function adminSignInHref(next: string): string {
  const target = safeNextPath(next, ADMIN_RULES);
  return target ? `/admin/sign-in?next=${encodeURIComponent(target)}` : '/admin/sign-in';
}
