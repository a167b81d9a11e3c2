/**
 * The public entry: what a program using Bazaar's API needs — the typed client, the router's
 * type, the input and output schemas and the error codes. Nothing here runs on the server only
 * (see `./server.ts`), so `AppRouter` is exported as a type.
 */
export * from './access.ts';
export {
  type BazaarClient,
  type BazaarClientError,
  type BazaarClientIterators,
  type ClientOptions,
  createClient,
  isBazaarError,
} from './client.ts';
export * from './errors.ts';
export * from './limits.ts';
export type { AppRouter } from './root.ts';
export * from './schemas/accounts.ts';
export * from './schemas/admin.ts';
export * from './schemas/cart.ts';
export * from './schemas/catalog.ts';
export * from './schemas/catalog-admin.ts';
export * from './schemas/catalog-browse.ts';
export * from './schemas/checkout.ts';
export * from './schemas/money.ts';
export * from './schemas/orders.ts';
export * from './schemas/shop-settings.ts';
export { isPlainText } from './schemas/text.ts';
