/** After a pack: the workspace manifest (exports to `src`) back in place. See prepack.mjs. */
import { existsSync, renameSync } from 'node:fs';

if (existsSync('package.workspace.json')) renameSync('package.workspace.json', 'package.json');
