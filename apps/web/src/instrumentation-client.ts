// Runs in the browser before the app's code. The pages' CSP allows no `eval`, and Zod probes
// for it (`new Function`) when it builds an object schema: the browser blocks the probe but
// still reports a CSP violation. Without JIT, Zod never probes.
//
// Zod keeps its global configuration on `globalThis.__zod_globalConfig` and adopts an object it
// finds there, so the flag is set without importing Zod's core, which brought ~7 kB gzipped of
// script to every page just for `config()`. instrumentation-client.test.ts checks that Zod
// reads it.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodGlobal.__zod_globalConfig ??= {};
zodGlobal.__zod_globalConfig.jitless = true;
