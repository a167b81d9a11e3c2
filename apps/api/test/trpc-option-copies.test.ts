import { initTRPC } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

/**
 * patches/@trpc__server@11.22.1.patch: tRPC copies a call's options and context several times per
 * call (once per middleware). Its object-spread helper read and defined every property through
 * descriptors; the patch copies with Object.assign, except an object with an own `__proto__` key.
 * And a call with only the options tRPC's own callers pass gets its middleware options made in
 * one fixed shape rather than copied; other options still take the copies.
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

  it('hands each middleware the options, with the context and input passed on by next', async () => {
    const seen: Record<string, unknown>[] = [];
    const note = t.middleware((opts) => {
      const { next, getRawInput, ...rest } = opts;
      seen.push({ ...rest, next: typeof next, getRawInput: typeof getRawInput });
      return next();
    });
    const router = t.router({
      echo: t.procedure
        .meta({ name: 'echo' } as never)
        .use(({ next }) => next({ ctx: { user: 'ada' } }))
        .use(note)
        .input(z.object({ n: z.int() }))
        .use(note)
        .query(({ ctx, input }) => ({ ctx, input })),
    });
    const caller = t.createCallerFactory(router)({ shop: 'bazaar' });
    await expect(caller.echo({ n: 2 })).resolves.toEqual({
      ctx: { shop: 'bazaar', user: 'ada' },
      input: { n: 2 },
    });
    const common = {
      ctx: { shop: 'bazaar', user: 'ada' },
      type: 'query',
      path: 'echo',
      signal: undefined,
      batchIndex: 0,
      meta: { name: 'echo' },
      next: 'function',
      getRawInput: 'function',
    };
    expect(seen).toEqual([
      { ...common, input: undefined },
      { ...common, input: { n: 2 } },
    ]);
  });

  it('passes options it does not know on to the middlewares, copied as before', async () => {
    let extra: unknown;
    const router = t.router({
      ping: t.procedure
        .use((opts) => {
          extra = (opts as unknown as { extra?: unknown }).extra;
          return opts.next();
        })
        .query(() => 'pong'),
    });
    const procedure = router._def.procedures.ping as unknown as (opts: object) => Promise<unknown>;
    const options = {
      path: 'ping',
      getRawInput: async () => undefined,
      ctx: { shop: 'bazaar' },
      type: 'query',
      signal: undefined,
      batchIndex: 0,
    };
    await expect(procedure({ ...options, extra: 'kept' })).resolves.toBe('pong');
    expect(extra).toBe('kept');
    await expect(procedure(options)).resolves.toBe('pong');
    expect(extra).toBeUndefined();
  });
});
