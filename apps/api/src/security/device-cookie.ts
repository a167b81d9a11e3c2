import type { IssuedSession } from '@bazaar/contracts/server';
import type { Keyring } from './keyring.ts';
import { randomSecret } from './secrets.ts';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const TOKEN = /^([a-z2-7]{32})\.(\d{1,12})\.([0-9a-f]{8}\.[\w-]{43})$/;

/**
 * OWASP's device cookies: a browser that signed in to an account successfully gets a signed
 * token naming that account (only through the signature: the cookie holds no user id). Sign-in
 * attempts carrying it are limited per device, so strangers guessing the password elsewhere
 * cannot lock the owner out of their own browser.
 */
export interface DeviceCookies {
  issue(userId: string): IssuedSession;
  /** The device's id when `token` was issued to `userId`'s browser and has not expired. */
  deviceOf(token: string | null | undefined, userId: string): string | null;
}

export function createDeviceCookies(
  keyring: Keyring,
  now: () => Date = () => new Date(),
): DeviceCookies {
  const signed = (userId: string, nonce: string, issuedAt: string) =>
    `${userId}.${nonce}.${issuedAt}`;
  return {
    issue(userId) {
      const nonce = randomSecret();
      const issuedAt = String(Math.floor(now().getTime() / 1000));
      const signature = keyring.sign('device-cookie', signed(userId, nonce, issuedAt));
      return {
        token: `${nonce}.${issuedAt}.${signature}`,
        expiresAt: new Date(Number(issuedAt) * 1000 + YEAR_MS),
      };
    },
    deviceOf(token, userId) {
      const m = token ? TOKEN.exec(token) : null;
      if (!m) return null;
      const [, nonce, issuedAt, signature] = m as unknown as [string, string, string, string];
      if (Number(issuedAt) * 1000 + YEAR_MS <= now().getTime()) return null;
      if (!keyring.verify('device-cookie', signed(userId, nonce, issuedAt), signature)) return null;
      return `${userId}:${nonce}`;
    },
  };
}
