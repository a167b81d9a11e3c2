import { hash } from 'node:crypto';

/**
 * A strong validator: the body's SHA-1, so equal bodies from any instance get equal tags. The
 * one-shot `hash` makes no Hash object per answer.
 */
export function etagOf(body: string): string {
  return `"${hash('sha1', body, 'base64url')}"`;
}

/**
 * Whether `If-None-Match` names this tag (RFC 9110 §13.1.2: `*`, or a list compared weakly, so
 * `W/"x"` matches `"x"`).
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const raw of header.split(',')) {
    const tag = raw.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === opaque) return true;
  }
  return false;
}
