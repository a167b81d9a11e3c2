import { describe, expect, it } from 'vitest';
import {
  cookieName,
  readCookie,
  serializeClearedCookie,
  serializeCookie,
} from '../src/security/cookies.ts';
import { createDeviceCookies } from '../src/security/device-cookie.ts';
import { createKeyring } from '../src/security/keyring.ts';
import { hashesEqual, randomSecret, sha256Hex } from '../src/security/secrets.ts';

/** Cookie names and attributes, device cookies, and the random secrets and hashes behind them. */
const plain = { secure: false };
const secure = { secure: true };
const expires = new Date('2030-01-02T03:04:05Z');

describe('cookies', () => {
  it('are named bazaar_<name>, with the __Host- prefix when secure', () => {
    expect(cookieName('session', plain)).toBe('bazaar_session');
    expect(cookieName('device', plain)).toBe('bazaar_device');
    expect(cookieName('session', secure)).toBe('__Host-bazaar_session');
    expect(cookieName('device', secure)).toBe('__Host-bazaar_device');
  });

  it('the session cookie is HttpOnly, SameSite=Lax, Path=/, expiring when the session does', () => {
    expect(serializeCookie('session', 'abc.def', expires, plain)).toBe(
      'bazaar_session=abc.def; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('session', 'abc.def', expires, secure)).toBe(
      '__Host-bazaar_session=abc.def; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; SameSite=Lax',
    );
  });

  it('the device cookie is SameSite=Strict', () => {
    expect(serializeCookie('device', 'x', expires, plain)).toBe(
      'bazaar_device=x; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; SameSite=Strict',
    );
  });

  it('clearing sends an empty value that expires now, with the same attributes', () => {
    expect(serializeClearedCookie('session', plain)).toBe(
      'bazaar_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
    );
    expect(serializeClearedCookie('device', secure)).toBe(
      '__Host-bazaar_device=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict',
    );
  });

  it('reads a cookie by its configured name only', () => {
    const header = 'other=1; bazaar_session=plain-token; __Host-bazaar_session=secure-token';
    expect(readCookie(header, 'session', plain)).toBe('plain-token');
    expect(readCookie(header, 'session', secure)).toBe('secure-token');
    expect(readCookie(header, 'device', plain)).toBeNull();
    expect(readCookie(undefined, 'session', plain)).toBeNull();
    expect(readCookie('', 'session', plain)).toBeNull();
  });
});

describe('device cookies', () => {
  const keyring = createKeyring([Buffer.alloc(32, 3)]);
  const YEAR = 365 * 24 * 3600 * 1000;

  function at(start: number) {
    let t = start;
    return { now: () => new Date(t), set: (ms: number) => (t = ms) };
  }

  it('name the device for the account it was issued to, and no other', () => {
    const clock = at(Date.UTC(2030, 0, 1, 12, 0, 0, 999));
    const devices = createDeviceCookies(keyring, clock.now);
    const { token, expiresAt } = devices.issue('user-1');
    expect(token).toMatch(/^[a-z2-7]{32}\.\d+\.[0-9a-f]{8}\.[\w-]{43}$/);
    const [nonce, issuedAt] = token.split('.') as [string, string];
    expect(Number(issuedAt)).toBe(Date.UTC(2030, 0, 1, 12) / 1000);
    expect(expiresAt.getTime()).toBe(Date.UTC(2030, 0, 1, 12) + YEAR);
    expect(devices.deviceOf(token, 'user-1')).toBe(`user-1:${nonce}`);
    expect(devices.deviceOf(token, 'user-2')).toBeNull();
    expect(devices.issue('user-1').token).not.toBe(token);
  });

  it('last a year', () => {
    const clock = at(Date.UTC(2030, 0, 1));
    const devices = createDeviceCookies(keyring, clock.now);
    const { token } = devices.issue('u');
    clock.set(Date.UTC(2030, 0, 1) + YEAR - 1);
    expect(devices.deviceOf(token, 'u')).not.toBeNull();
    clock.set(Date.UTC(2030, 0, 1) + YEAR);
    expect(devices.deviceOf(token, 'u')).toBeNull();
  });

  it('are nothing when absent, malformed, altered or signed with another key', () => {
    const devices = createDeviceCookies(keyring);
    const { token } = devices.issue('u');
    const [nonce, issuedAt, keyId, mac] = token.split('.') as [string, string, string, string];
    const other = createDeviceCookies(createKeyring([Buffer.alloc(32, 4)])).issue('u').token;
    for (const bad of [
      null,
      undefined,
      '',
      other,
      [nonce, String(Number(issuedAt) + 1), keyId, mac].join('.'),
      [`${nonce.slice(0, -1)}${nonce.endsWith('a') ? 'b' : 'a'}`, issuedAt, keyId, mac].join('.'),
      [nonce, issuedAt, keyId, `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`].join('.'),
      `${token}.`,
      ` ${token}`,
      [nonce, '1234567890123', keyId, mac].join('.'),
    ])
      expect(devices.deviceOf(bad, 'u'), String(bad)).toBeNull();
  });

  it('use the real clock when none is given', () => {
    const before = Math.floor(Date.now() / 1000);
    const { token, expiresAt } = createDeviceCookies(keyring).issue('u');
    const issuedAt = Number(token.split('.')[1]);
    expect(issuedAt).toBeGreaterThanOrEqual(before);
    expect(issuedAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(expiresAt.getTime()).toBe(issuedAt * 1000 + YEAR);
  });
});

describe('secrets', () => {
  it('randomSecret gives 160 bits as 32 lower-case base32 characters by default', () => {
    const secret = randomSecret();
    expect(secret).toMatch(/^[a-z2-7]{32}$/);
    expect(randomSecret(10)).toMatch(/^[a-z2-7]{16}$/);
    expect(new Set(Array.from({ length: 50 }, () => randomSecret())).size).toBe(50);
  });

  it('sha256Hex is SHA-256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashesEqual is true only for identical strings', () => {
    const h = sha256Hex('x');
    expect(hashesEqual(h, h)).toBe(true);
    expect(hashesEqual(h, `${h.slice(0, -1)}0`)).toBe(h.endsWith('0'));
    expect(hashesEqual(h, h.slice(0, -1))).toBe(false);
    expect(hashesEqual(h.slice(0, -1), h)).toBe(false);
    expect(hashesEqual('', '')).toBe(true);
    expect(hashesEqual('ä', 'a')).toBe(false);
  });
});
