import type { Page } from '@playwright/test';

/**
 * A stand-in for Stripe.js (js.stripe.com is not reachable from here), with the calls the
 * checkout makes: `Stripe(key).elements({ clientSecret }).create('payment').mount(el)`, and
 * `confirmPayment`, which posts the card to api.stripe.com's confirm endpoint as Stripe.js does.
 * Its card field sits in the page (Stripe's own sits in a frame from js.stripe.com; one such
 * frame is drawn too, so the page's CSP must allow it). Requests to api.stripe.com are answered
 * by the Stripe API stub the API itself talks to, so both sides see the same PaymentIntent.
 */
const FAKE_STRIPE_JS = `(() => {
  function Stripe(key) {
    return {
      _registerWrapper() {},
      elements(options) {
        let input = null;
        let frame = null;
        const handlers = {};
        return {
          clientSecret: options.clientSecret,
          card: () => (input ? input.value.replace(/\\s/g, '') : ''),
          create(type) {
            return {
              mount(target) {
                const node = typeof target === 'string' ? document.querySelector(target) : target;
                frame = document.createElement('iframe');
                frame.src = 'https://js.stripe.com/elements-frame.html';
                frame.title = 'Secure payment input frame';
                frame.style.height = '0';
                frame.style.border = '0';
                input = document.createElement('input');
                input.setAttribute('aria-label', 'Stripe card number');
                input.inputMode = 'numeric';
                node.append(frame, input);
                frame.addEventListener('load', () => handlers.ready && handlers.ready({ elementType: type }));
              },
              on(event, callback) { handlers[event] = callback; },
              destroy() { if (input) input.remove(); if (frame) frame.remove(); },
            };
          },
        };
      },
      async confirmPayment({ elements, confirmParams, redirect }) {
        const card = elements.card();
        if (!card) {
          return { error: { type: 'validation_error', message: 'Your card number is incomplete.' } };
        }
        const id = elements.clientSecret.split('_secret_')[0];
        const res = await fetch('https://api.stripe.com/v1/payment_intents/' + id + '/confirm', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            key,
            client_secret: elements.clientSecret,
            'payment_method_data[type]': 'card',
            'payment_method_data[card][number]': card,
            return_url: confirmParams.return_url,
          }),
        });
        const body = await res.json();
        window.__stripeConfirmed = (window.__stripeConfirmed || 0) + 1;
        if (!res.ok) return { error: body.error };
        return { paymentIntent: body };
      },
    };
  }
  Stripe.version = 'endive';
  window.Stripe = Stripe;
})();`;

export async function routeStripe(page: Page, stubUrl: string): Promise<void> {
  await page.route('https://js.stripe.com/**', (route) =>
    route.fulfill(
      route.request().url().endsWith('.js')
        ? { contentType: 'text/javascript', body: FAKE_STRIPE_JS }
        : { contentType: 'text/html', body: '<!doctype html><title>Stripe frame</title>' },
    ),
  );
  await page.route('https://api.stripe.com/**', async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${stubUrl}${url.pathname}${url.search}` });
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'access-control-allow-origin': '*' },
    });
  });
}
