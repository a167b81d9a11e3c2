import { expect, test } from 'vitest';

test("Zod runs without JIT once the browser's instrumentation has run", async () => {
  await import('./instrumentation-client');
  const { config } = await import('zod/v4/core');
  expect(config().jitless).toBe(true);
});
