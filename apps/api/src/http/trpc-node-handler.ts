import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  type inferRouterContext,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import {
  getHTTPStatusCode,
  type HTTPErrorHandler,
  type ResponseMetaFn,
  type TRPCRequestInfo,
} from '@trpc/server/http';
import type { TRPCResponse } from '@trpc/server/rpc';
import { EtagMemo, ifNoneMatchHits } from './conditional.ts';
import { endAfterReads } from './end-after-reads.ts';
import { bodyInputs, type CallInputs, queryInputs, type SplitInputs } from './trpc-inputs.ts';
import { closeIfBodyUnread } from './unread-body.ts';

export interface TrpcNodeHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** Where the router is mounted, with a trailing slash: `/trpc/`. */
  basePath: string;
  maxBatchSize: number;
  maxBodySize: number;
  createContext(opts: { req: IncomingMessage }): Promise<inferRouterContext<TRouter>>;
  responseMeta?: ResponseMetaFn<TRouter>;
  onError?: HTTPErrorHandler<TRouter, IncomingMessage>;
  /**
   * A refusal of the whole request before anything in it runs (the CSRF guard), answered as tRPC
   * answers an error, so a tRPC client reports it with its code rather than failing to read it.
   */
  refuse?: (req: IncomingMessage) => TRPCError | null;
  /** The procedures a request the fast path answers calls, known before any of them runs. */
  planned?: (req: IncomingMessage, paths: readonly string[]) => void;
}

/** What a request asks for, when it is one the fast path answers. */
interface Plan {
  type: 'query' | 'mutation';
  isBatchCall: boolean;
  paths: string[];
  /** The procedure of each path. */
  procedures: AnyTRPCProcedure[];
  query: URLSearchParams;
}

type CallResult = [error: TRPCError, data: undefined] | [error: undefined, data: unknown];
const succeeded = (data: unknown): CallResult => [undefined, data];

const PROCEDURE_PATHS = /^[A-Za-z0-9_.,-]+$/;

/**
 * tRPC over node:http without the Fetch API. tRPC's own Node adapter turns every request into a
 * WHATWG `Request` (URL, Headers, AbortController, a ReadableStream body) and pipes the answer
 * back through a `WritableStream`; on a 2-core machine that was most of a request's CPU. This
 * handler answers plain JSON calls — one or a batch of queries by GET, mutations by POST —
 * straight from the Node request, with tRPC's public helpers for what is tRPC's business (error
 * shapes, status codes, the transformer), so the wire format is the one `@trpc/client` expects.
 * Anything else (streaming links, subscriptions, form data, unknown paths, wrong methods, oversized
 * batches or bodies) goes to tRPC's stock handler, which knows how to answer or refuse it.
 *
 * A query answered 200 whose `responseMeta` Cache-Control lets caches keep it also gets a strong
 * ETag (the body's hash) and a bodiless 304 when `If-None-Match` names it. The stock handler
 * streams, so its answers carry no ETag.
 */
export function createTrpcNodeHandler<TRouter extends AnyTRPCRouter>(
  opts: TrpcNodeHandlerOptions<TRouter>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const stock = createHTTPHandler({
    router: opts.router,
    basePath: opts.basePath,
    maxBatchSize: opts.maxBatchSize,
    maxBodySize: opts.maxBodySize,
    createContext: opts.createContext,
    responseMeta: opts.responseMeta,
    onError: opts.onError,
  });
  const procedures = opts.router._def.procedures as Record<string, AnyTRPCProcedure>;
  const config = opts.router._def._config;
  const deserialize = (value: unknown): unknown => config.transformer.input.deserialize(value);
  const serialize = (value: unknown): unknown => config.transformer.output.serialize(value);
  const etags = new EtagMemo();

  function planFor(req: IncomingMessage): Plan | null {
    const method = req.method;
    if (method !== 'GET' && method !== 'POST') return null;
    const contentType = req.headers['content-type'];
    const json = contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
    if (method === 'POST' ? !json : contentType !== undefined && !json) return null;
    if (req.headers['trpc-accept'] !== undefined) return null;
    if (req.headers.accept?.includes('application/jsonl')) return null;
    const length = req.headers['content-length'];
    if (length !== undefined && !(Number(length) <= opts.maxBodySize)) return null;

    const url = req.url ?? '';
    if (!url.startsWith(opts.basePath)) return null;
    const { path, query, isBatchCall, paths } = callsOf(url, opts.basePath);
    if (!PROCEDURE_PATHS.test(path)) return null;
    if (query.has('connectionParams')) return null;
    if (paths.length > opts.maxBatchSize) return null;

    const type = method === 'GET' ? 'query' : 'mutation';
    const found: AnyTRPCProcedure[] = [];
    for (const p of paths) {
      const procedure = Object.hasOwn(procedures, p) ? procedures[p] : undefined;
      if (procedure?._def.type !== type) return null;
      found.push(procedure);
    }
    return { type, isBatchCall, paths, procedures: found, query };
  }

  /** Each call's input from the batch's object (by call index), or the single call's input. */
  const splitter =
    (isBatchCall: boolean, count: number): SplitInputs =>
    (raw) => {
      if (raw === undefined) return [];
      if (!isBatchCall) return [deserialize(raw)];
      if (!isObject(raw))
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: '"input" needs to be an object when doing a batch call',
        });
      const inputs: unknown[] = [];
      for (let index = 0; index < count; index++) {
        const input = raw[index];
        inputs.push(input === undefined ? undefined : deserialize(input));
      }
      return inputs;
    };

  /**
   * Makes the context, runs the calls and sends the answer. Promise callbacks rather than async
   * functions, whose suspended frames (this one's large) were garbage made per request and call.
   */
  function answer(req: IncomingMessage, res: ServerResponse, plan: Plan): Promise<void> {
    const { type, isBatchCall, paths } = plan;
    const split = splitter(isBatchCall, paths.length);
    const inputs =
      type === 'query'
        ? queryInputs(plan.query.get('input'), split)
        : bodyInputs(req, opts.maxBodySize, split);
    let context: Promise<inferRouterContext<TRouter>>;
    try {
      context = opts.createContext({ req });
    } catch (cause) {
      context = Promise.reject(cause);
    }
    return context.then(
      (ctx) => run(req, res, plan, inputs, ctx, undefined),
      (cause: unknown) => run(req, res, plan, inputs, undefined, getTRPCErrorFromUnknown(cause)),
    );
  }

  function run(
    req: IncomingMessage,
    res: ServerResponse,
    plan: Plan,
    inputs: CallInputs,
    ctx: inferRouterContext<TRouter> | undefined,
    ctxError: TRPCError | undefined,
  ): Promise<void> {
    const { type, isBatchCall, paths, procedures: called } = plan;
    const failed = (index: number, cause: unknown): CallResult => {
      const error = getTRPCErrorFromUnknown(cause);
      opts.onError?.({ error, path: paths[index], input: inputs.result(index), ctx, type, req });
      return [error, undefined];
    };
    const call = (index: number): Promise<CallResult> => {
      if (ctxError) return Promise.resolve(failed(index, ctxError));
      let data: Promise<unknown>;
      try {
        data = (called[index] as AnyTRPCProcedure)({
          path: paths[index] as string,
          getRawInput: () => inputs.read(index),
          ctx,
          type,
          signal: undefined,
          batchIndex: index,
        });
      } catch (cause) {
        return Promise.resolve(failed(index, cause));
      }
      return data.then(succeeded, (cause: unknown) => failed(index, cause));
    };
    // One call is sent as it is; a batch's calls run together, as tRPC runs them.
    if (!isBatchCall)
      return call(0).then((result) => respond(req, res, plan, inputs, ctx, [result]));
    return Promise.all(paths.map((_, index) => call(index))).then((results) =>
      respond(req, res, plan, inputs, ctx, results),
    );
  }

  function respond(
    req: IncomingMessage,
    res: ServerResponse,
    plan: Plan,
    inputs: CallInputs,
    ctx: inferRouterContext<TRouter> | undefined,
    results: CallResult[],
  ): void {
    const { type, isBatchCall, paths } = plan;
    // Each envelope as tRPC's transformTRPCResponse makes it ({ result: { data } } with the data
    // serialized by the transformer), without its four object spreads per call.
    const envelopes: TRPCResponse[] = [];
    const transformed: TRPCResponse[] = [];
    const errors: TRPCError[] = [];
    for (let index = 0; index < results.length; index++) {
      const [error, data] = results[index] as CallResult;
      if (!error) {
        envelopes.push({ result: { data } });
        transformed.push({ result: { data: serialize(data) } });
        continue;
      }
      errors.push(error);
      const shape = getErrorShape({
        config,
        ctx,
        error,
        input: inputs.result(index),
        path: paths[index],
        type,
      });
      envelopes.push({ error: shape });
      transformed.push({ error: serialize(shape) as typeof shape });
    }
    const untransformed = isBatchCall ? envelopes : (envelopes[0] as TRPCResponse);
    let status = getHTTPStatusCode(untransformed as Parameters<typeof getHTTPStatusCode>[0]);
    const meta = opts.responseMeta?.(
      new ResponseMetaOptions(ctx, plan, inputs, envelopes, errors) as never,
    );
    res.setHeader('vary', 'trpc-accept, accept');
    res.setHeader('content-type', 'application/json');
    if (meta?.headers) {
      const entries =
        meta.headers instanceof Headers ? meta.headers.entries() : Object.entries(meta.headers);
      for (const [key, value] of entries) {
        if (Array.isArray(value)) for (const v of value) res.appendHeader(key, v);
        else if (typeof value === 'string') res.setHeader(key, value);
      }
    }
    if (meta?.status) status = meta.status;
    // The rest of a body refused as too large is still on the connection: do not reuse it.
    if (errors.some((e) => e.code === 'PAYLOAD_TOO_LARGE')) res.setHeader('connection', 'close');
    res.statusCode = status;
    const body = JSON.stringify(isBatchCall ? transformed : transformed[0]);
    if (status === 200 && type === 'query' && storable(res.getHeader('cache-control'))) {
      const etag = etags.etagOf(req.url ?? '', body);
      res.setHeader('etag', etag);
      if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
        res.statusCode = 304;
        endAfterReads(res);
        return;
      }
    }
    endAfterReads(res, body);
  }

  /** Every call of the request answered with `error`, one envelope per call of a batch. */
  function refuse(req: IncomingMessage, res: ServerResponse, error: TRPCError): void {
    const { isBatchCall, paths } = callsOf(req.url ?? '', opts.basePath);
    const type = req.method === 'GET' ? 'query' : 'mutation';
    const envelopes = paths.slice(0, opts.maxBatchSize).map((p) => ({
      error: getErrorShape({ config, ctx: undefined, error, input: undefined, path: p, type }),
    }));
    const untransformed = isBatchCall ? envelopes : envelopes[0];
    // Refused before its body was read: the rest of it is still on the connection.
    closeIfBodyUnread(req, res);
    res.statusCode = getHTTPStatusCode(untransformed as Parameters<typeof getHTTPStatusCode>[0]);
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(transformTRPCResponse(config, untransformed as never)));
  }

  // Not an async function (a frame per request); a failure still rejects.
  return (req, res) => {
    try {
      const refusal = opts.refuse?.(req);
      if (refusal) return Promise.resolve(refuse(req, res, refusal));
      const plan = planFor(req);
      if (!plan) return Promise.resolve(stock(req, res));
      opts.planned?.(req, plan.paths);
      return answer(req, res, plan);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** The procedure paths a tRPC URL calls (a batch's comma-separated list) and its query. */
function callsOf(url: string, basePath: string) {
  const queryAt = url.indexOf('?');
  const path = url.slice(basePath.length, queryAt === -1 ? undefined : queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
  const isBatchCall = query.get('batch') === '1';
  return { path, query, isBatchCall, paths: isBatchCall ? path.split(',') : [path] };
}

/** A query answer caches may keep (responseMeta said so) gets an ETag and 304s. */
function storable(cacheControl: ReturnType<ServerResponse['getHeader']>): boolean {
  return typeof cacheControl === 'string' && !/\b(no-store|private)\b/.test(cacheControl);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === 'object';
}

/**
 * What `responseMeta` is told, as tRPC's own handler tells it. `info` (each call with its input
 * readers) is made only if read: an object literal with a getter made per request cost more than
 * the rest of the answer's bookkeeping.
 */
class ResponseMetaOptions {
  readonly paths: string[];
  readonly type: Plan['type'];
  readonly eagerGeneration = false;

  constructor(
    readonly ctx: unknown,
    private readonly plan: Plan,
    private readonly inputs: CallInputs,
    readonly data: TRPCResponse[],
    readonly errors: TRPCError[],
  ) {
    this.paths = plan.paths;
    this.type = plan.type;
  }

  get info(): TRPCRequestInfo {
    const { plan, inputs } = this;
    return {
      isBatchCall: plan.isBatchCall,
      accept: null,
      type: plan.type,
      calls: plan.procedures.map((procedure, index) => ({
        batchIndex: index,
        path: plan.paths[index] as string,
        procedure,
        getRawInput: () => inputs.read(index),
        result: () => inputs.result(index),
      })),
      connectionParams: null,
      signal: undefined as unknown as AbortSignal,
      url: null,
    };
  }
}
