import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSecretKey, parseSecretKeys } from './keyring.ts';

/**
 * Outside production, when SECRET_KEYS is unset: a key made on first start and kept in the data
 * folder, so TOTP secrets and device cookies survive restarts of a development or demo shop.
 */
export function devSecretKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret-key');
  try {
    return parseSecretKeys(readFileSync(file, 'utf8'))[0] as Buffer;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = newSecretKey();
  // `wx`: if another process made it first, use theirs.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseSecretKeys(readFileSync(file, 'utf8'))[0] as Buffer;
}
