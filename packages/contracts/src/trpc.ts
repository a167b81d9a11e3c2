import { initTRPC, TRPCError } from '@trpc/server';
import type { Access, Permission, ProcedureMeta, RestRoute } from './access.ts';
import { AppError } from './app-error.ts';
import type { Context } from './context.ts';
import { type BazaarErrorCode, defaultBazaarErrorCode } from './errors.ts';
import { transformer } from './transformer.ts';

/** What tRPC's input validation fails with: a Zod error's issues. */
interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** Field errors keyed by dotted path (`cursor`, `items.0.qty`); `''` holds form-level errors. */
function fieldErrorsFrom(issues: readonly IssueLike[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

function hasIssues(value: unknown): value is { issues: IssueLike[] } {
  return Array.isArray((value as { issues?: unknown } | null | undefined)?.issues);
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      const { cause } = error;
      let fieldErrors: Record<string, string[]> | null = null;
      let retryAfterSeconds: number | null = null;
      let appCode: BazaarErrorCode = defaultBazaarErrorCode(error.code);
      if (cause instanceof AppError) {
        fieldErrors = cause.fieldErrors ?? null;
        retryAfterSeconds = cause.retryAfterSeconds ?? null;
        appCode = cause.appCode;
      } else if (error.code === 'BAD_REQUEST' && hasIssues(cause))
        fieldErrors = fieldErrorsFrom(cause.issues);
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      // Unknown failures are logged with their stack on the server; callers only learn that one happened.
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message: internal ? 'Internal server error' : shape.message,
        data: { ...data, appCode, fieldErrors, retryAfterSeconds },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Enforces the procedure's declared access before its input is even parsed, then turns domain
 * errors thrown by services into the tRPC error of the same code. One middleware, not two: each
 * layer of tRPC's chain costs every call a copy of its options. A promise callback rather than an
 * async function, which would keep a suspended frame per call (a refusal thrown here still fails
 * the call, as a rejection would).
 */
const guard = t.middleware(({ ctx, meta, next }) => {
  refuseUnlessAllowed(ctx, meta);
  return next().then(domainErrorMapped);
});

function domainErrorMapped<R extends { ok: boolean; error?: unknown }>(result: R): R {
  const cause = result.ok ? undefined : (result.error as { cause?: unknown } | undefined)?.cause;
  if (cause instanceof AppError)
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  return result;
}

function refuseUnlessAllowed(ctx: Context, meta: ProcedureMeta | undefined): void {
  const access = meta?.access;
  if (!access)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Procedure declares no access' });
  if (access.kind === 'public') return;
  const { actor } = ctx;
  if (actor.kind === 'anonymous')
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
  // A program's key reaches staff procedures that name a permission, nothing tied to a person's
  // own account or session (passwords, two-factor, sessions, a customer's orders).
  if (actor.kind === 'apiKey' && !(access.kind === 'staff' && access.permission))
    throw new TRPCError({ code: 'FORBIDDEN', message: 'API keys cannot call this; sign in' });
  if (access.kind === 'user') return;
  if (access.kind === 'customer') {
    if (actor.kind !== 'customer')
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Customers only' });
    return;
  }
  if (actor.kind === 'customer') throw new TRPCError({ code: 'FORBIDDEN', message: 'Staff only' });
  if (access.permission && !actor.permissions.has(access.permission))
    throw new TRPCError({ code: 'FORBIDDEN', message: `Requires permission ${access.permission}` });
}

const baseProcedure = t.procedure.use(guard);

export const publicProcedure = baseProcedure.meta({ access: { kind: 'public' } });
export const userProcedure = baseProcedure.meta({ access: { kind: 'user' } });
export const customerProcedure = baseProcedure.meta({ access: { kind: 'customer' } });
/** What a REST route declares; whether it needs a session follows from the procedure's access. */
type RouteSpec = Omit<RestRoute, 'protect'>;

const routed = (access: Access, route: RouteSpec) =>
  baseProcedure.meta({ access, openapi: { ...route, protect: access.kind !== 'public' } });

/**
 * The same procedures, also served as REST routes under `/api/v1` and described in the OpenAPI
 * document. There is deliberately no staff variant: staff tools stay on tRPC (see the README).
 */
export const publicRoute = (route: RouteSpec) => routed({ kind: 'public' }, route);
export const userRoute = (route: RouteSpec) => routed({ kind: 'user' }, route);
export const customerRoute = (route: RouteSpec) => routed({ kind: 'customer' }, route);

/** Staff whose role grants `permission`; `null` admits any staff member (their own settings). */
export const staffProcedure = (permission: Permission | null) =>
  baseProcedure.meta({ access: { kind: 'staff', permission } });
