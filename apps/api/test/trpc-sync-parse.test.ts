import { initTRPC, TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

/**
 * patches/@trpc__server@11.22.1.patch: tRPC validates with a Zod schema's synchronous `parse`
 * (Zod compiles object parsers only for synchronous parses), and falls back to `parseAsync` only
 * for a schema that needs it.
 */
describe('tRPC validation with Zod schemas (patched)', () => {
  const t = initTRPC.create();

  it('parses input and output synchronously', async () => {
    const input = z.object({ n: z.int() });
    const output = z.object({ doubled: z.int() });
    const spies = [input, output].map((s) => ({
      parse: vi.spyOn(s, 'parse'),
      parseAsync: vi.spyOn(s, 'parseAsync'),
    }));
    const router = t.router({
      double: t.procedure
        .input(input)
        .output(output)
        .query(({ input }) => ({ doubled: input.n * 2, extra: 'stripped' })),
    });
    const caller = t.createCallerFactory(router)({});
    await expect(caller.double({ n: 21 })).resolves.toEqual({ doubled: 42 });
    for (const spy of spies) {
      expect(spy.parse).toHaveBeenCalledTimes(1);
      expect(spy.parseAsync).not.toHaveBeenCalled();
    }
  });

  it('still refuses bad input with the Zod issues, and bad output as an internal error', async () => {
    const router = t.router({
      echo: t.procedure
        .input(z.object({ n: z.int() }))
        .output(z.object({ n: z.int() }))
        .query(({ input }) => ({ n: input.n + 0.5 })),
    });
    const caller = t.createCallerFactory(router)({});
    const bad = await caller.echo({ n: 'x' as never }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect((bad as TRPCError).cause).toHaveProperty('issues.0.path', ['n']);
    const wrong = await caller.echo({ n: 1 }).catch((e: unknown) => e);
    expect((wrong as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
    expect((wrong as TRPCError).message).toBe('Output validation failed');
  });

  it('parses a schema with an asynchronous refinement asynchronously', async () => {
    const known = new Set(['a@example.com']);
    const input = z.object({
      email: z.string().refine(async (email) => !known.has(email), 'Taken'),
    });
    const router = t.router({
      register: t.procedure.input(input).mutation(({ input }) => input.email),
    });
    const caller = t.createCallerFactory(router)({});
    await expect(caller.register({ email: 'b@example.com' })).resolves.toBe('b@example.com');
    const taken = await caller.register({ email: 'a@example.com' }).catch((e: unknown) => e);
    expect((taken as TRPCError).code).toBe('BAD_REQUEST');
    expect((taken as TRPCError).cause).toHaveProperty('issues.0.message', 'Taken');
  });
});
