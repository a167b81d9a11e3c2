export * from './access.ts';
export {
  type BazaarClient,
  type BazaarClientError,
  type ClientOptions,
  createClient,
  isBazaarError,
} from './client.ts';
export {
  type Actor,
  type ClientInfo,
  type Context,
  type CurrentSession,
  type IssuedSession,
  type ResponseCookies,
  type Services,
  signedIn,
} from './context.ts';
export * from './errors.ts';
export * from './limits.ts';
export { type AppRouter, appRouter } from './root.ts';
export type { AccountService } from './routers/account.ts';
export type { StaffService } from './routers/admin.ts';
export type { AuthService, SignedInResult } from './routers/auth.ts';
export type { CartOwner, CartService } from './routers/cart.ts';
export type { CatalogService } from './routers/catalog.ts';
export type { CatalogAdminService } from './routers/catalog-admin.ts';
export type { CheckoutService } from './routers/checkout.ts';
export type { OrderService } from './routers/orders.ts';
export type { OrderAdminService } from './routers/orders-admin.ts';
export type { ShopSettingsService } from './routers/shop-settings.ts';
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
export { createCallerFactory } from './trpc.ts';
