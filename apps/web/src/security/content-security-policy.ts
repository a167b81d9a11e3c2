/**
 * The pages' Content Security Policy. Scripts run only with this response's nonce (Next.js puts
 * it on its own scripts, reading it from the request's CSP header) or when loaded by such a
 * script (`'strict-dynamic'`); never inline or injected markup. Styles may be inline: React
 * `style` attributes cannot carry a nonce, and styles cannot run code.
 *
 * Stripe.js (loaded by the checkout when the shop takes payments with Stripe) is allowed on every
 * page, not only the checkout's: a shopper reaches the checkout by client-side navigation, which
 * keeps the policy of the page they came from. It loads from js.stripe.com (allowed to our
 * scripts by `'strict-dynamic'`; named for browsers without it), draws the card fields in its own
 * frames, and talks to api.stripe.com. These are the origins Stripe documents for its CSP.
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
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${STRIPE.script}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${STRIPE.connect}${dev ? ' ws: wss:' : ''}`,
    `frame-src ${STRIPE.frame}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

const STRIPE = {
  script: 'https://js.stripe.com',
  connect: 'https://api.stripe.com',
  frame: 'https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com',
};

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/** HSTS for an HTTPS shop: two years, subdomains included (no `preload`: that is opt-in). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';
