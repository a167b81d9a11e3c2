import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSecretKey, parseSecretKeys } from './keyring.ts';

/**
 * Outside production, when SECRET_KEYS is unset: a key made on first start and kept in the data
 * folder, so TOTP secrets and device cookies survive restarts of a development or demo shop.
 */
export function devSecretKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret-key');
  mkdirSync(dataDir, { recursive: true });
  try {
    // `wx`: a key already there (made earlier, or a moment ago by another process) is kept.
    writeFileSync(file, `${newSecretKey()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseSecretKeys(readFileSync(file, 'utf8'))[0] as Buffer;
}
