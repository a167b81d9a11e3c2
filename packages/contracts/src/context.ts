import type { Permission } from './access.ts';
import type { AccountService } from './routers/account.ts';
import type { StaffService } from './routers/admin.ts';
import type { ApiKeyService } from './routers/api-keys.ts';
import type { AuthService } from './routers/auth.ts';
import type { CartService } from './routers/cart.ts';
import type { CatalogService } from './routers/catalog.ts';
import type { CatalogAdminService } from './routers/catalog-admin.ts';
import type { CheckoutService } from './routers/checkout.ts';
import type { OrderService } from './routers/orders.ts';
import type { OrderAdminService } from './routers/orders-admin.ts';
import type { ShopSettingsService } from './routers/shop-settings.ts';

/**
 * Who is calling. Filled in by the API from the session cookie or, for programs, from a staff API
 * key sent as a bearer token; procedures declare which actors they accept. An API key acts for the
 * staff member who made it (`userId`), with its role's permissions that they still hold, and has
 * no session.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'customer'; userId: string; sessionId: string }
  | { kind: 'staff'; userId: string; sessionId: string; permissions: ReadonlySet<Permission> }
  | { kind: 'apiKey'; keyId: string; userId: string; permissions: ReadonlySet<Permission> };

/**
 * The session named by the request's cookie, when valid. A session still waiting for its
 * second factor is here while the actor stays anonymous.
 */
export interface CurrentSession {
  id: string;
  userId: string;
  pendingSecondFactor: boolean;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** The browser's device cookie, set after an earlier successful sign-in (see the API). */
  deviceToken?: string | null;
}

/** A freshly issued cookie value: the token goes into the cookie and nowhere else. */
export interface IssuedSession {
  token: string;
  /** When the cookie expires; the server still enforces the session's own (sliding) expiry. */
  expiresAt: Date;
}

/** Cookies set on the response being built. */
export interface ResponseCookies {
  setSession(session: IssuedSession): void;
  clearSession(): void;
  /** Marks this browser as one the account signed in on (OWASP device cookie). */
  setDevice(device: IssuedSession): void;
  /** The guest cart cookie: its token names the cart. */
  setCart(token: string): void;
  clearCart(): void;
}

/** Everything the router needs from the server. The API implements these; the contract never sees how. */
export interface Services {
  catalog: CatalogService;
  catalogAdmin: CatalogAdminService;
  auth: AuthService;
  account: AccountService;
  staff: StaffService;
  apiKeys: ApiKeyService;
  cart: CartService;
  checkout: CheckoutService;
  shopSettings: ShopSettingsService;
  orders: OrderService;
  ordersAdmin: OrderAdminService;
}

export interface Context {
  requestId: string;
  actor: Actor;
  session: CurrentSession | null;
  client: ClientInfo;
  /** The guest cart cookie's token, if sent. */
  cartToken: string | null;
  cookies: ResponseCookies;
  services: Services;
}

/** The signed-in caller of a `user`, `customer` or `staff` procedure (access already enforced). */
export function signedIn(ctx: Context): { userId: string } {
  if (ctx.actor.kind === 'anonymous') throw new Error('signedIn() used in a public procedure');
  return { userId: ctx.actor.userId };
}

/** The caller's session, in procedures that only session callers reach (`user`, `customer`, `staff(null)`). */
export function sessionOf(ctx: Context): { userId: string; sessionId: string } {
  const { actor } = ctx;
  if (actor.kind === 'anonymous' || actor.kind === 'apiKey')
    throw new Error('sessionOf() used where callers without a session are admitted');
  return { userId: actor.userId, sessionId: actor.sessionId };
}
