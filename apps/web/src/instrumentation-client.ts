// Zod's core alone: `zod` itself would bring all of Zod (~30 kB gzipped) to every page.
import { config } from 'zod/v4/core';

// Runs in the browser before the app's code. The pages' CSP allows no `eval`, and Zod probes
// for it (`new Function`) when it builds an object schema: the browser blocks the probe but
// still reports a CSP violation. Without JIT, Zod never probes.
config({ jitless: true });
