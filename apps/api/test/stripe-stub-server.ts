/**
 * The Stripe API stub as a process, for the storefront's Stripe checkout test: the API runs with
 * `STRIPE_API_URL=http://127.0.0.1:<port>`.   tsx apps/api/test/stripe-stub-server.ts <port>
 */
import { stripeStub } from './stripe-stub.ts';

const port = Number(process.argv[2] ?? 12111);
const { server } = stripeStub();
server.listen(port, '127.0.0.1', () => console.log(`Stripe API stub on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
