import { parse, serialize } from 'cookie';

export interface SessionCookieConfig {
  /** `Secure` plus the `__Host-` prefix; off only for plain-HTTP development. */
  secure: boolean;
}

export const sessionCookieName = ({ secure }: SessionCookieConfig) =>
  secure ? '__Host-bazaar_session' : 'bazaar_session';

export function readSessionCookie(
  header: string | undefined,
  config: SessionCookieConfig,
): string | null {
  if (!header) return null;
  return parse(header)[sessionCookieName(config)] ?? null;
}

export function serializeSessionCookie(
  token: string,
  expiresAt: Date,
  config: SessionCookieConfig,
): string {
  return serialize(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.secure,
    expires: expiresAt,
  });
}

export function serializeClearedSessionCookie(config: SessionCookieConfig): string {
  return serialize(sessionCookieName(config), '', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.secure,
    maxAge: 0,
  });
}
