import {
  type Actor,
  AppError,
  type ClientInfo,
  type Context,
  type CurrentSession,
} from '@bazaar/contracts/server';
import { TRPCError } from '@trpc/server';
import type { Logger } from './logger.ts';
import {
  type CookieConfig,
  readCookie,
  serializeClearedCookie,
  serializeCookie,
} from './security/cookies.ts';
import type { ValidatedSession } from './services/accounts/sessions.ts';
import { enrolmentRequired } from './services/accounts/users.ts';
import { GUEST_CART_DAYS } from './services/cart/cart-store.ts';
import type { ServerServices } from './services/index.ts';

const DAY_MS = 86_400_000;

/** Per-request state the HTTP layer hands to the tRPC context. */
export interface RequestState {
  requestId: string;
  log: Logger;
  client: ClientInfo;
  cookieHeader: string | undefined;
  /** The `Authorization` header: a program's API key as a bearer token. */
  authorization: string | undefined;
  /** Adds a Set-Cookie header to the response. */
  setCookie(value: string): void;
}

/** Who the session makes the caller. A staff session still owing its second factor is anonymous. */
export function resolveCaller(
  session: ValidatedSession | null,
  demoMode: boolean,
): { actor: Actor; current: CurrentSession | null } {
  if (!session) return { actor: { kind: 'anonymous' }, current: null };
  const pendingSecondFactor =
    session.kind === 'staff' && session.totpEnabled && !session.secondFactorVerified;
  const current = { id: session.id, userId: session.userId, pendingSecondFactor };
  if (pendingSecondFactor) return { actor: { kind: 'anonymous' }, current };
  if (session.kind === 'customer')
    return { actor: { kind: 'customer', userId: session.userId, sessionId: session.id }, current };
  // Until they enrol, staff whose role requires two-factor hold no permissions (they can enrol).
  const mustEnrol = enrolmentRequired(session, demoMode);
  return {
    actor: {
      kind: 'staff',
      userId: session.userId,
      sessionId: session.id,
      permissions: new Set(mustEnrol ? [] : session.permissions),
    },
    current,
  };
}

/**
 * The tRPC context of a request. Written with promise callbacks, and without waiting at all for
 * a caller with neither a session cookie nor a key: each async function on the way kept a frame
 * per request. A failure rejects, as it did from an async function.
 */
export function createContext(
  services: ServerServices,
  state: RequestState,
  cookieConfig: CookieConfig,
): Promise<Context> {
  try {
    if (state.authorization !== undefined)
      return apiKeyCaller(services, state.authorization).then((actor) =>
        contextOf(services, state, cookieConfig, actor, null),
      );
    const token = readCookie(state.cookieHeader, 'session', cookieConfig);
    if (!token) {
      const { actor, current } = resolveCaller(null, services.demoMode);
      return Promise.resolve(contextOf(services, state, cookieConfig, actor, current));
    }
    return sessionCaller(services, state, cookieConfig, token).then(({ actor, current }) =>
      contextOf(services, state, cookieConfig, actor, current),
    );
  } catch (error) {
    return Promise.reject(error);
  }
}

function contextOf(
  services: ServerServices,
  state: RequestState,
  cookieConfig: CookieConfig,
  actor: Actor,
  current: CurrentSession | null,
): Context {
  // Named one by one: spreading the client and adding a key made V8 build the object slowly.
  const { ip, userAgent } = state.client;
  return {
    requestId: state.requestId,
    actor,
    session: current,
    client: { ip, userAgent, deviceToken: readCookie(state.cookieHeader, 'device', cookieConfig) },
    cartToken: readCookie(state.cookieHeader, 'cart', cookieConfig),
    cookies: {
      setSession: (issued) =>
        state.setCookie(serializeCookie('session', issued.token, issued.expiresAt, cookieConfig)),
      clearSession: () => state.setCookie(serializeClearedCookie('session', cookieConfig)),
      setDevice: (issued) =>
        state.setCookie(serializeCookie('device', issued.token, issued.expiresAt, cookieConfig)),
      setCart: (token) =>
        state.setCookie(
          serializeCookie(
            'cart',
            token,
            new Date(Date.now() + GUEST_CART_DAYS * DAY_MS),
            cookieConfig,
          ),
        ),
      clearCart: () => state.setCookie(serializeClearedCookie('cart', cookieConfig)),
    },
    services,
  };
}

/** The caller a session cookie names (the cookie cleared when its session is gone). */
async function sessionCaller(
  services: ServerServices,
  state: RequestState,
  cookieConfig: CookieConfig,
  token: string,
): Promise<{ actor: Actor; current: CurrentSession | null }> {
  const session = await services.sessions.validate(token);
  if (!session) state.setCookie(serializeClearedCookie('session', cookieConfig));
  // Sliding expiry: the cookie's lifetime follows the session's.
  if (session?.refreshed)
    state.setCookie(serializeCookie('session', token, session.cookieExpiresAt, cookieConfig));
  return resolveCaller(session, services.demoMode);
}

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The program a bearer token names. A request that sends `Authorization` is refused whole unless
 * it names a live key: a program with a revoked key should fail loudly, not carry on as a stranger.
 */
async function apiKeyCaller(services: ServerServices, authorization: string): Promise<Actor> {
  const token = BEARER.exec(authorization)?.[1];
  const caller = token ? await services.apiKeys.authenticate(token) : null;
  if (!caller) {
    const message = token ? 'Invalid API key' : 'Send an API key as "Authorization: Bearer <key>"';
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message,
      cause: new AppError('UNAUTHORIZED', message, { appCode: 'INVALID_API_KEY' }),
    });
  }
  return {
    kind: 'apiKey',
    keyId: caller.keyId,
    userId: caller.userId,
    permissions: new Set(caller.permissions),
  };
}
