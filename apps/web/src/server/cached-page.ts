import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createNonce } from '../security/content-security-policy.ts';
import { scriptsAfterPaint } from './scripts-after-paint.ts';
import { compressParts, type SplicedGzip, splicedGzip } from './spliced-gzip.ts';

/** A page as rendered for the cache: status, headers and the whole body, uncompressed. */
export interface RenderedPage {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A stored page. Its CSP nonce is cut out of the body (and the headers) so that every copy
 * served gets a fresh one: a nonce handed to every visitor would be one an attacker knows.
 */
export interface CachedPage {
  readonly headers: readonly (readonly [string, string])[];
  /** The body split at each occurrence of the render's nonce. */
  readonly parts: readonly Buffer[];
  readonly gzip: SplicedGzip;
  /** The render's nonce, replaced in the header values. */
  readonly nonce: string | undefined;
  readonly byteLength: number;
}

/** Set per response, or left to the server (Node writes its own Date and framing). */
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'x-page-cache',
]);
const STORABLE_TYPES = /^(?:text\/html|text\/x-component)\b/;

/** The page to keep, or why it must not be kept (only 200s meant for anyone are). */
export function toCachedPage(
  rendered: RenderedPage,
): { page: CachedPage } | { page: null; reason: string } {
  const { status, headers } = rendered;
  if (status !== 200) return { page: null, reason: `status ${status}` };
  if (headers['set-cookie']) return { page: null, reason: 'set-cookie' };
  if (/no-store|private=|no-cache=/i.test(String(headers['cache-control'] ?? ''))) {
    return { page: null, reason: 'cache-control' };
  }
  if (headers['content-encoding'] && headers['content-encoding'] !== 'identity') {
    return { page: null, reason: 'encoded' };
  }
  if (!STORABLE_TYPES.test(String(headers['content-type'] ?? ''))) {
    return { page: null, reason: 'content-type' };
  }
  const body = /^text\/html\b/.test(String(headers['content-type']))
    ? Buffer.from(scriptsAfterPaint(rendered.body.toString('utf8')))
    : rendered.body;
  const csp = String(headers['content-security-policy'] ?? '');
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const parts = nonce ? splitAll(body, Buffer.from(nonce)) : [body];
  const kept: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) kept.push([name, v]);
  }
  const gzip = compressParts(parts, { fillLength: nonce?.length });
  const headerBytes = kept.reduce((sum, [n, v]) => sum + n.length + v.length, 0);
  return {
    page: {
      headers: kept,
      parts,
      gzip,
      nonce,
      byteLength: body.length + gzip.byteLength + headerBytes,
    },
  };
}

/**
 * Writes one copy of a stored page with a fresh nonce: in the CSP (and `Link`) headers and in
 * every place the body had the old one. Gzip when the client takes it.
 */
export function sendCopy(
  res: ServerResponse,
  page: CachedPage,
  { gzip, head, state }: { gzip: boolean; head: boolean; state: string },
) {
  // The same length as the render's (createNonce's is fixed), as the gzip parts expect.
  const nonce = createNonce();
  const fill = Buffer.from(nonce);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of page.headers) {
    const fresh = page.nonce ? value.replaceAll(page.nonce, nonce) : value;
    const previous = headers[name];
    headers[name] = previous === undefined ? fresh : [...[previous].flat().map(String), fresh];
  }
  const body = gzip ? splicedGzip(page.gzip, fill) : joinParts(page.parts, fill);
  headers['content-length'] = body.length;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['x-page-cache'] = state;
  res.writeHead(200, headers);
  res.end(head ? undefined : body);
}

/** Whether the request's Accept-Encoding takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  for (const item of acceptEncoding.split(',')) {
    const [coding, ...params] = item.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

function splitAll(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function joinParts(parts: readonly Buffer[], fill: Buffer): Buffer {
  const chunks: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) chunks.push(fill);
    chunks.push(part);
  });
  return Buffer.concat(chunks);
}
