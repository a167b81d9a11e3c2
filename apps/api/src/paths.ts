import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root (the folder holding pnpm-workspace.yaml), found by walking up from this
 * file, so it is the same whether the API runs from source or from its build in `dist/`.
 */
function repoRoot(): string | null {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** `DATA_DIR`'s default: `.data/` at the repository root, or in the working directory. */
export const defaultDataDir = () => resolve(repoRoot() ?? process.cwd(), '.data');

/** The embedded database's folder: `PGLITE_DIR`, else `pglite/` in the data folder. */
export const pgliteDirFor = (env: {
  PGLITE_DIR?: string | undefined;
  DATA_DIR?: string | undefined;
}) => env.PGLITE_DIR ?? join(env.DATA_DIR ?? defaultDataDir(), 'pglite');

/** Uploaded images' folder: `UPLOAD_DIR`, else `uploads/` in the data folder. */
export const uploadDirFor = (env: {
  UPLOAD_DIR?: string | undefined;
  DATA_DIR?: string | undefined;
}) => env.UPLOAD_DIR ?? join(env.DATA_DIR ?? defaultDataDir(), 'uploads');
