import { initTRPC } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

/**
 * patches/@trpc__server@11.22.1.patch: tRPC copies a call's options and context several times per
 * call (once per middleware). Its object-spread helper read and defined every property through
 * descriptors; the patch copies with Object.assign, except an object with an own `__proto__` key.
 */
describe("tRPC's per-call copies (patched)", () => {
  const t = initTRPC.context<{ shop: string }>().create();

  it('copies options and context without reading property descriptors', async () => {
    const withUser = t.middleware(({ next }) => next({ ctx: { user: 'ada' } }));
    const router = t.router({
      whoami: t.procedure
        .use(withUser)
        .input(z.object({ n: z.int() }))
        .output(z.object({ shop: z.string(), user: z.string(), n: z.int() }))
        .query(({ ctx, input }) => ({ shop: ctx.shop, user: ctx.user, n: input.n })),
    });
    const caller = t.createCallerFactory(router)({ shop: 'bazaar' });
    const descriptors = vi.spyOn(Object, 'getOwnPropertyDescriptors');
    const result = await caller.whoami({ n: 1 });
    const descriptorReads = descriptors.mock.calls.length;
    descriptors.mockRestore();
    expect(result).toEqual({ shop: 'bazaar', user: 'ada', n: 1 });
    expect(descriptorReads).toBe(0);
  });

  it('keeps an own "__proto__" key of merged inputs a plain key', async () => {
    // Two input parsers: tRPC merges their results into one object with its spread helper. Plain
    // function parsers hand over the parsed JSON as it is, own "__proto__" included.
    const asIs = (value: unknown) => value as Record<string, unknown>;
    const router = t.router({
      merged: t.procedure
        .input(asIs)
        .input(asIs)
        .query(({ input }) => ({
          prototypeKept: Object.getPrototypeOf(input) === Object.prototype,
          ownProto: Object.hasOwn(input, '__proto__'),
          polluted: (input as Record<string, unknown>).polluted ?? null,
        })),
    });
    const caller = t.createCallerFactory(router)({ shop: 'bazaar' });
    const input = JSON.parse('{"a": 1, "b": 2, "__proto__": {"polluted": true}}');
    await expect(caller.merged(input)).resolves.toEqual({
      prototypeKept: true,
      ownProto: true,
      polluted: null,
    });
  });
});
