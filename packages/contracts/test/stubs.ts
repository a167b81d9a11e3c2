import type { Actor, Context, Services } from '../src/context.ts';
import { appRouter } from '../src/root.ts';
import { createCallerFactory } from '../src/trpc.ts';

/** Services whose every method fails with `error`: reaching one proves the caller got through. */
export function failingServices(error: unknown): Services {
  const service = new Proxy({}, { get: () => () => Promise.reject(error) });
  return new Proxy({} as Services, { get: () => service });
}

export function contextFor(actor: Actor, services: Services): Context {
  return {
    requestId: 't',
    actor,
    session: null,
    client: { ip: null, userAgent: null },
    cartToken: null,
    cookies: {
      setSession: () => {},
      clearSession: () => {},
      setDevice: () => {},
      setCart: () => {},
      clearCart: () => {},
    },
    services,
  };
}

export const callerFor = (actor: Actor, services: Services) =>
  createCallerFactory(appRouter)(contextFor(actor, services));

/** Calls the procedure at a dotted path (`account.sessions.list`) with `input`. */
export function callPath(caller: unknown, path: string, input?: unknown): Promise<unknown> {
  const fn = path
    .split('.')
    .reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}
