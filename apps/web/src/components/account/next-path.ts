/**
 * A `?next=` target that is safe to redirect to: a path on this site only. Anything else
 * (absolute URLs, protocol-relative `//host`, backslash tricks, control characters) falls back.
 */
export function safeNextPath(next: unknown, fallback = '/account'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    // Resolve against a dummy origin: a path must stay on it.
    const url = new URL(next, 'http://bazaar.invalid');
    if (url.origin !== 'http://bazaar.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** `/sign-in`, with `?next=` when there is somewhere to come back to. */
export function signInHref(next?: string | null): string {
  if (!next || next === '/' || next.startsWith('/sign-in') || next.startsWith('/sign-up')) {
    return '/sign-in';
  }
  return `/sign-in?next=${encodeURIComponent(next)}`;
}
