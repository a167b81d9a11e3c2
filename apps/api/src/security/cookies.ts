import { parse, serialize } from 'cookie';

export interface CookieConfig {
  /** `Secure` plus the `__Host-` prefix; off only for plain-HTTP development. */
  secure: boolean;
}

/**
 * The session, the device cookie that marks a browser its account signed in on before, and the
 * guest cart's cookie.
 */
export type CookieName = 'session' | 'device' | 'cart';

export const cookieName = (name: CookieName, { secure }: CookieConfig) =>
  `${secure ? '__Host-' : ''}bazaar_${name}`;

export function readCookie(
  header: string | undefined,
  name: CookieName,
  config: CookieConfig,
): string | null {
  if (!header) return null;
  return parse(header)[cookieName(name, config)] ?? null;
}

const attributes = (name: CookieName, config: CookieConfig) =>
  ({
    httpOnly: true,
    // The device cookie is only ever needed by same-site sign-in requests.
    sameSite: name === 'device' ? 'strict' : 'lax',
    path: '/',
    secure: config.secure,
  }) as const;

export function serializeCookie(
  name: CookieName,
  value: string,
  expiresAt: Date,
  config: CookieConfig,
): string {
  return serialize(cookieName(name, config), value, {
    ...attributes(name, config),
    expires: expiresAt,
  });
}

export function serializeClearedCookie(name: CookieName, config: CookieConfig): string {
  return serialize(cookieName(name, config), '', { ...attributes(name, config), maxAge: 0 });
}
