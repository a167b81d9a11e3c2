import type { IncomingMessage } from 'node:http';
import { AppError } from '@bazaar/contracts/server';
import { TRPCError } from '@trpc/server';

const JSON_BODY = {
  types: ['application/json'],
  message: 'Mutations need a JSON body (content-type: application/json)',
};

export interface CsrfRefusal {
  status: 403 | 415;
  message: string;
}

/**
 * Cross-site request forgery guard for state-changing requests (tRPC mutations are always POST).
 * Requires a JSON body (or, for uploads, a raw image body), which a cross-site HTML form cannot
 * send without a CORS preflight, and
 * refuses requests the browser labels as coming from another site. Clients that send neither
 * `Origin` nor `Sec-Fetch-Site` are not browsers and carry no ambient cookies to abuse; nor do
 * requests with an `Authorization` header (API keys).
 */
export function refuseCrossSite(
  req: IncomingMessage,
  allowedOrigins: ReadonlySet<string>,
  body: { types: readonly string[]; message: string } = JSON_BODY,
): CsrfRefusal | null {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (!body.types.includes(contentType ?? '')) return { status: 415, message: body.message };
  // A bearer request is a program's: it is authenticated by its key alone (the API then ignores
  // the session cookie), and a browser cannot add that header to a cross-site request without a
  // CORS preflight, which the API never grants.
  if (req.headers.authorization !== undefined) return null;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return { status: 403, message: 'Cross-site request refused' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin))
    return { status: 403, message: 'Cross-origin request refused' };
  return null;
}

/** A refusal as the error tRPC and the REST routes answer with: its status, and an app code. */
export function crossSiteError(refusal: CsrfRefusal): TRPCError {
  const code = refusal.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'FORBIDDEN';
  const cause = new AppError(code, refusal.message, { appCode: 'CROSS_SITE_REFUSED' });
  return new TRPCError({ code, message: refusal.message, cause });
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins allowed to send mutations: the shop's public origin. A loopback shop accepts every
 * loopback spelling of it, since `localhost:3000` and `127.0.0.1:3000` are the same shop to a developer.
 */
export function allowedOriginsFor(publicUrl: string): Set<string> {
  const url = new URL(publicUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return new Set([url.origin]);
  return new Set(
    LOOPBACK_HOSTS.map((host) => {
      const alias = new URL(url.origin);
      alias.hostname = host;
      return alias.origin;
    }),
  );
}
