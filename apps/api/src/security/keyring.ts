import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** What a derived key is for; each purpose gets its own key, so one use cannot forge another. */
export type KeyPurpose = 'totp-secret' | 'device-cookie' | 'test-payment-webhook';

const SEALED = /^v1\.([0-9a-f]{8})\.([\w-]{16})\.([\w-]+)$/;
const MIN_KEY_BYTES = 32;

/**
 * The server's secret keys (`SECRET_KEYS`, newest first). The newest seals and signs; every key
 * still listed opens and verifies, so a key can be rotated without losing what the old one made.
 */
export interface Keyring {
  /** Id of the key that seals and signs now (first 8 hex digits of its SHA-256). */
  readonly currentId: string;
  /** AES-256-GCM: `v1.<keyId>.<iv>.<ciphertext+tag>`, bound to `context` (e.g. the user id). */
  seal(purpose: KeyPurpose, plaintext: string, context: string): string;
  /** Opens a sealed value; null when it is not one, its key is gone, or it was tampered with. */
  open(purpose: KeyPurpose, sealed: string, context: string): string | null;
  /** The id of the key that sealed `value`, or null when it is not a sealed value. */
  sealedWith(value: string): string | null;
  /** HMAC-SHA256 with the current key: `<keyId>.<mac>`. */
  sign(purpose: KeyPurpose, data: string): string;
  /** Checks a `sign()` result made with any listed key, in constant time. */
  verify(purpose: KeyPurpose, data: string, signature: string): boolean;
}

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Parses `SECRET_KEYS`: comma-separated base64url (or base64) keys of at least 32 bytes. */
export function parseSecretKeys(value: string): Buffer[] {
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, 'base64url'));
  if (keys.length === 0) throw new KeyringError('SECRET_KEYS holds no key');
  if (keys.some((k) => k.length < MIN_KEY_BYTES))
    throw new KeyringError(
      `each key in SECRET_KEYS must be at least ${MIN_KEY_BYTES} bytes, base64url-encoded (make one with: openssl rand -base64 32)`,
    );
  return keys;
}

export const newSecretKey = () => randomBytes(MIN_KEY_BYTES).toString('base64url');

export function createKeyring(keys: Buffer[]): Keyring {
  const [current] = keys;
  if (!current) throw new KeyringError('a keyring needs at least one key');
  const byId = new Map(keys.map((k) => [keyIdOf(k), k]));
  const derived = new Map<string, Buffer>();
  const derive = (keyId: string, purpose: KeyPurpose): Buffer | null => {
    const cacheKey = `${keyId}:${purpose}`;
    let key = derived.get(cacheKey);
    if (!key) {
      const master = byId.get(keyId);
      if (!master) return null;
      key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `bazaar:${purpose}:v1`, 32));
      derived.set(cacheKey, key);
    }
    return key;
  };
  const currentId = keyIdOf(current);
  const hmac = (key: Buffer, data: string) =>
    createHmac('sha256', key).update(data).digest('base64url');

  return {
    currentId,
    seal(purpose, plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', derive(currentId, purpose) as Buffer, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return `v1.${currentId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(purpose, sealed, context) {
      const m = SEALED.exec(sealed);
      const key = m ? derive(m[1] as string, purpose) : null;
      if (!m || !key) return null;
      const body = Buffer.from(m[3] as string, 'base64url');
      if (body.length < 17) return null;
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          key,
          Buffer.from(m[2] as string, 'base64url'),
        );
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(body.subarray(body.length - 16));
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
    sealedWith: (value) => SEALED.exec(value)?.[1] ?? null,
    sign(purpose, data) {
      return `${currentId}.${hmac(derive(currentId, purpose) as Buffer, data)}`;
    },
    verify(purpose, data, signature) {
      const [keyId, mac] = signature.split('.');
      const key = keyId ? derive(keyId, purpose) : null;
      if (!key || !mac) return false;
      const expected = Buffer.from(hmac(key, data));
      const given = Buffer.from(mac);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
