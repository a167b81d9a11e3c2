import type { IncomingMessage } from 'node:http';
import { TRPCError } from '@trpc/server';

/**
 * The raw inputs of a request's calls, read and parsed once, when the first procedure asks for
 * its own (as tRPC does: a call refused before it reads its input never sees a malformed one).
 */
export interface CallInputs {
  /** The input of call `index`, for tRPC's `getRawInput`; rejects as tRPC does (BAD_REQUEST…). */
  read(index: number): Promise<unknown>;
  /** Call `index`'s input once read, for error shapes and `onError`. */
  result(index: number): unknown;
}

/** One parsed input per call: a batch's object keyed by call index, or the single call's input. */
export type SplitInputs = (raw: unknown) => unknown[];

/**
 * A query's inputs, from its query string. Parsed synchronously on the first read, so each call's
 * `getRawInput` is one already-settled promise rather than a chain of them.
 */
export function queryInputs(input: string | null, split: SplitInputs): CallInputs {
  let values: unknown[] | undefined;
  let failure: Promise<never> | undefined;
  return {
    read(index) {
      if (!values && !failure) {
        try {
          values = split(input ? JSON.parse(input) : undefined);
        } catch (cause) {
          failure = Promise.reject(badRequest(cause));
          // Seen by whichever calls ask; not an unhandled rejection when none does.
          failure.catch(() => {});
        }
      }
      return failure ?? Promise.resolve(values?.[index]);
    },
    result: (index) => values?.[index],
  };
}

/** A mutation's inputs, from its JSON body, refused past `maxBodySize` bytes. */
export function bodyInputs(
  req: IncomingMessage,
  maxBodySize: number,
  split: SplitInputs,
): CallInputs {
  let promise: Promise<unknown[]> | undefined;
  let values: unknown[] | undefined;
  return {
    read(index) {
      promise ??= readBody(req, maxBodySize)
        .then((body) => {
          values = split(JSON.parse(utf8.decode(body)));
          return values;
        })
        .catch((cause: unknown) => {
          throw badRequest(cause);
        });
      return promise.then((all) => all[index]);
    },
    result: (index) => values?.[index],
  };
}

function badRequest(cause: unknown): TRPCError {
  if (cause instanceof TRPCError) return cause;
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: cause instanceof Error ? cause.message : 'Invalid input',
    cause,
  });
}

const utf8 = new TextDecoder();

/** The request body, refused past `maxBodySize` bytes (the rest is left unread). */
function readBody(req: IncomingMessage, maxBodySize: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodySize) return void chunks.push(chunk);
      stop();
      reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
