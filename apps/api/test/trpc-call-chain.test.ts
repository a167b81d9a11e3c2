import { initTRPC, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * patches/@trpc__server@11.22.1.patch: tRPC's own middlewares and the chain calling them use
 * promise callbacks rather than async functions. Every way a call could fail before still fails
 * it the same way, whether the failure is thrown or a rejection.
 */
describe("tRPC's call chain (patched)", () => {
  const t = initTRPC.context<{ user: string | null }>().create();
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error as TRPCError,
    );

  const router = t.router({
    throws: t.procedure.query(() => {
      throw new Error('thrown by the resolver');
    }),
    rejects: t.procedure.query(async () => {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'nothing here' });
    }),
    refusedSync: t.procedure
      .use(({ ctx, next }) => {
        if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' });
        return next();
      })
      .query(() => 'ok'),
    refusedAsync: t.procedure
      .use(async ({ next }) => {
        await Promise.resolve();
        throw new TRPCError({ code: 'FORBIDDEN' });
        // biome-ignore lint/correctness/noUnreachable: the refusal comes first
        return next();
      })
      .query(() => 'ok'),
    noResult: t.procedure.use((() => undefined) as never).query(() => 'ok'),
    asyncOutput: t.procedure
      .output(z.object({ n: z.int().refine(async (n) => n > 0, 'Positive') }))
      .query(({ ctx }) => ({ n: ctx.user ? 1 : -1 })),
    withInput: t.procedure
      .input(z.object({ a: z.int() }))
      .input(z.object({ b: z.int() }))
      .query(({ input }) => input),
    rawInput: t.procedure.input(z.unknown()).query(({ input }) => input),
  });
  const caller = t.createCallerFactory(router);

  it('fails a call whose resolver throws or rejects', async () => {
    const thrown = await failure(caller({ user: null }).throws());
    expect(thrown.code).toBe('INTERNAL_SERVER_ERROR');
    expect((thrown.cause as Error).message).toBe('thrown by the resolver');
    const rejected = await failure(caller({ user: null }).rejects());
    expect(rejected).toMatchObject({ code: 'NOT_FOUND', message: 'nothing here' });
  });

  it('fails a call a middleware refuses, by throwing or rejecting', async () => {
    expect((await failure(caller({ user: null }).refusedSync())).code).toBe('UNAUTHORIZED');
    await expect(caller({ user: 'ada' }).refusedSync()).resolves.toBe('ok');
    expect((await failure(caller({ user: 'ada' }).refusedAsync())).code).toBe('FORBIDDEN');
  });

  it('fails a call whose middleware returns no result', async () => {
    const error = await failure(caller({ user: null }).noResult());
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toMatch(/No result from middlewares/);
  });

  it('validates output asynchronously when the schema needs it', async () => {
    await expect(caller({ user: 'ada' }).asyncOutput()).resolves.toEqual({ n: 1 });
    const error = await failure(caller({ user: null }).asyncOutput());
    expect(error).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Output validation failed',
    });
  });

  it('merges the results of several input parsers', async () => {
    await expect(caller({ user: null }).withInput({ a: 1, b: 2 })).resolves.toEqual({ a: 1, b: 2 });
    expect((await failure(caller({ user: null }).withInput({ a: 1 } as never))).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('passes a failure to read the input on as it is', async () => {
    const procedure = router._def.procedures.rawInput as unknown as (
      opts: object,
    ) => Promise<unknown>;
    const options = {
      path: 'rawInput',
      ctx: { user: null },
      type: 'query',
      signal: undefined,
      batchIndex: 0,
    };
    const unreadable = new TRPCError({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(
      procedure({ ...options, getRawInput: () => Promise.reject(unreadable) }),
    ).rejects.toBe(unreadable);
    await expect(
      procedure({
        ...options,
        getRawInput: () => {
          throw unreadable;
        },
      }),
    ).rejects.toBe(unreadable);
    await expect(procedure({ ...options, getRawInput: async () => 'raw' })).resolves.toBe('raw');
  });
});
