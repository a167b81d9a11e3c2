/**
 * What the API implements the contract with: the router itself, its caller factory, the request
 * context, the service interfaces the handlers delegate to and the error services throw. Used by
 * `apps/api`; not part of the published client's public entry.
 */
export * from './app-error.ts';
export {
  type Actor,
  type ClientInfo,
  type Context,
  type CurrentSession,
  type IssuedSession,
  type ResponseCookies,
  type Services,
  sessionOf,
  signedIn,
} from './context.ts';
export * from './index.ts';
export { appRouter } from './root.ts';
export type { AccountService } from './routers/account.ts';
export type { StaffService } from './routers/admin.ts';
export type { ApiKeyService } from './routers/api-keys.ts';
export type { AuthService, SignedInResult } from './routers/auth.ts';
export type { CartOwner, CartService } from './routers/cart.ts';
export type { CatalogService } from './routers/catalog.ts';
export type { CatalogAdminService } from './routers/catalog-admin.ts';
export type { CheckoutService } from './routers/checkout.ts';
export type { OrderService } from './routers/orders.ts';
export type { OrderAdminService } from './routers/orders-admin.ts';
export type { ShopSettingsService } from './routers/shop-settings.ts';
export { createCallerFactory } from './trpc.ts';
