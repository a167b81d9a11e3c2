import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { devSecretKey } from '../src/security/dev-secret-key.ts';
import {
  createKeyring,
  KeyringError,
  newSecretKey,
  parseSecretKeys,
} from '../src/security/keyring.ts';

/** The server's secret keys: parsing SECRET_KEYS, sealing, signing, and the development key. */
const key = (fill: number) => Buffer.alloc(32, fill);
const idOf = (k: Buffer) => createHash('sha256').update(k).digest('hex').slice(0, 8);

describe('parseSecretKeys', () => {
  it('reads comma-separated base64url or base64 keys, newest first, ignoring blanks', () => {
    const a = randomBytes(32);
    const b = randomBytes(48);
    const keys = parseSecretKeys(` ${a.toString('base64url')} ,, ${b.toString('base64')}, `);
    expect(keys.map((k) => k.toString('hex'))).toEqual([a.toString('hex'), b.toString('hex')]);
  });

  it('refuses no key at all', () => {
    for (const value of ['', ' ', ',', ' , '])
      expect(() => parseSecretKeys(value)).toThrow(new KeyringError('SECRET_KEYS holds no key'));
  });

  it('refuses a key shorter than 32 bytes, saying how to make one', () => {
    const short = `${key(1).toString('base64url')},${randomBytes(31).toString('base64url')}`;
    expect(() => parseSecretKeys(short)).toThrow(KeyringError);
    expect(() => parseSecretKeys(short)).toThrow(/at least 32 bytes.*openssl rand -base64 32/);
    expect(parseSecretKeys(randomBytes(32).toString('base64url'))).toHaveLength(1);
  });

  it('newSecretKey makes a fresh 32-byte key that parses', () => {
    const made = newSecretKey();
    expect(made).toMatch(/^[\w-]{43}$/);
    expect(parseSecretKeys(made)[0]).toHaveLength(32);
    expect(newSecretKey()).not.toBe(made);
  });
});

describe('createKeyring', () => {
  it('needs a key', () => {
    expect(() => createKeyring([])).toThrow(new KeyringError('a keyring needs at least one key'));
  });

  it('names the current key by the first 8 hex digits of its SHA-256', () => {
    expect(createKeyring([key(1), key(2)]).currentId).toBe(idOf(key(1)));
  });
});

describe('sealing', () => {
  const ring = createKeyring([key(1)]);

  it('round-trips text, bound to its purpose and context', () => {
    const sealed = ring.seal('totp-secret', 'JBSWY3DP ✓ ünïcode', 'user-1');
    expect(sealed).toMatch(new RegExp(`^v1\\.${idOf(key(1))}\\.[\\w-]{16}\\.[\\w-]+$`));
    expect(sealed).not.toContain('JBSWY3DP');
    expect(ring.open('totp-secret', sealed, 'user-1')).toBe('JBSWY3DP ✓ ünïcode');
    expect(ring.open('totp-secret', sealed, 'user-2')).toBeNull();
    expect(ring.open('device-cookie', sealed, 'user-1')).toBeNull();
    expect(ring.sealedWith(sealed)).toBe(idOf(key(1)));
  });

  it('uses a fresh IV every time', () => {
    const a = ring.seal('totp-secret', 'same', 'u');
    const b = ring.seal('totp-secret', 'same', 'u');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('refuses anything tampered with, malformed or sealed with a key no longer listed', () => {
    const sealed = ring.seal('totp-secret', 'secret', 'u');
    const [v, id, iv, body] = sealed.split('.') as [string, string, string, string];
    const flip = (text: string, at: number) =>
      `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    for (const bad of [
      [v, id, flip(iv, 3), body].join('.'),
      [v, id, iv, flip(body, 2)].join('.'),
      [v, id, iv, flip(body, body.length - 3)].join('.'),
      [v, id, iv, body.slice(0, 22)].join('.'),
      ['v2', id, iv, body].join('.'),
      [v, '00000000', iv, body].join('.'),
      `${sealed}.extra`,
      `x${sealed}`,
      'JBSWY3DPEHPK3PXP',
      '',
    ])
      expect(ring.open('totp-secret', bad, 'u'), bad).toBeNull();
    expect(createKeyring([key(2)]).open('totp-secret', sealed, 'u')).toBeNull();
    expect(ring.sealedWith('JBSWY3DPEHPK3PXP')).toBeNull();
  });

  it('a sealed value holds at least one byte besides its tag', () => {
    expect(ring.open('totp-secret', ring.seal('totp-secret', 'x', 'u'), 'u')).toBe('x');
    // An empty plaintext leaves only the 16-byte tag, which is not accepted back.
    expect(ring.open('totp-secret', ring.seal('totp-secret', '', 'u'), 'u')).toBeNull();
  });

  it('after rotation the new key seals and the old one still opens', () => {
    const sealedByOld = ring.seal('totp-secret', 'kept', 'u');
    const rotated = createKeyring([key(2), key(1)]);
    expect(rotated.open('totp-secret', sealedByOld, 'u')).toBe('kept');
    const sealedByNew = rotated.seal('totp-secret', 'new', 'u');
    expect(rotated.sealedWith(sealedByNew)).toBe(idOf(key(2)));
    expect(ring.open('totp-secret', sealedByNew, 'u')).toBeNull();
  });
});

describe('signing', () => {
  const ring = createKeyring([key(1)]);

  it('signs with the current key as <keyId>.<mac> and verifies only the same data and purpose', () => {
    const signature = ring.sign('device-cookie', 'user.nonce.123');
    expect(signature).toMatch(new RegExp(`^${idOf(key(1))}\\.[\\w-]{43}$`));
    expect(ring.verify('device-cookie', 'user.nonce.123', signature)).toBe(true);
    expect(ring.verify('device-cookie', 'user.nonce.124', signature)).toBe(false);
    expect(ring.verify('totp-secret', 'user.nonce.123', signature)).toBe(false);
    expect(ring.sign('totp-secret', 'user.nonce.123')).not.toBe(signature);
    expect(ring.sign('device-cookie', 'user.nonce.123')).toBe(signature);
  });

  it('refuses malformed signatures and ones by keys not listed', () => {
    const signature = ring.sign('device-cookie', 'd');
    const [id, mac] = signature.split('.') as [string, string];
    for (const bad of [
      '',
      id,
      `${id}.`,
      `.${mac}`,
      `00000000.${mac}`,
      `${id}.${mac.slice(0, -1)}`,
      `${id}.${mac}A`,
      `${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
    ])
      expect(ring.verify('device-cookie', 'd', bad), bad).toBe(false);
    expect(createKeyring([key(2)]).verify('device-cookie', 'd', signature)).toBe(false);
  });

  it('signatures of an older key still verify after rotation', () => {
    const old = ring.sign('device-cookie', 'd');
    const rotated = createKeyring([key(2), key(1)]);
    expect(rotated.verify('device-cookie', 'd', old)).toBe(true);
    expect(rotated.sign('device-cookie', 'd').startsWith(idOf(key(2)))).toBe(true);
  });
});

describe('devSecretKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bazaar-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('makes a key on first use, kept private in the data folder, and reuses it', () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const first = devSecretKey(dataDir);
    expect(first).toHaveLength(32);
    const file = join(dataDir, 'secret-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseSecretKeys(readFileSync(file, 'utf8'))[0]?.equals(first)).toBe(true);
    expect(devSecretKey(dataDir).equals(first)).toBe(true);
  });

  it('uses a key already there, and refuses a broken one', () => {
    const dataDir = tempDir();
    const existing = randomBytes(32);
    writeFileSync(join(dataDir, 'secret-key'), `${existing.toString('base64url')}\n`);
    expect(devSecretKey(dataDir).equals(existing)).toBe(true);
    writeFileSync(join(dataDir, 'secret-key'), 'too-short\n');
    expect(() => devSecretKey(dataDir)).toThrow(KeyringError);
  });

  it('does not hide other errors reading the folder', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    expect(() => devSecretKey(file)).toThrow(/ENOTDIR|EEXIST/);
  });
});
