/**
 * The pages' Content Security Policy. Scripts run only with this response's nonce (Next.js puts
 * it on its own scripts, reading it from the request's CSP header) or when loaded by such a
 * script (`'strict-dynamic'`); never inline or injected markup. Styles may be inline: React
 * `style` attributes cannot carry a nonce, and styles cannot run code.
 */
export function contentSecurityPolicy({
  nonce,
  dev,
  https,
}: {
  nonce: string;
  /** `next dev`: React's debugging needs `eval`, and hot reload a WebSocket. */
  dev: boolean;
  https: boolean;
}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/** HSTS for an HTTPS shop: two years, subdomains included (no `preload`: that is opt-in). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';
