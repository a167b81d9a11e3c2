import { inspect, isDeepStrictEqual } from 'node:util';
import {
  entityKind,
  noopEncoder,
  Param,
  type QueryWithTypings,
  SQL,
  StringChunk,
} from 'drizzle-orm';

/** Drizzle's `PgDialect.sqlToQuery`, which both drivers' sessions call for every statement. */
interface Dialect {
  sqlToQuery(statement: SQL, invokeSource?: 'indexes' | undefined): QueryWithTypings;
}

/** What stops the fast path: a chunk only Drizzle's own walk knows how to write. */
const UNKNOWN = Symbol('unknown chunk');

/**
 * The text and parameters of a statement written with the `sql` template alone (text, values,
 * nested `sql`, `sql.raw`, `sql.join`, `sql.param`, arrays), as Drizzle's `sqlToQuery` writes
 * them; undefined when it holds anything else (a column, a table, a name, a placeholder, a param
 * with a column's encoder, an alias, a subquery, inlined params), which Drizzle's walk then writes.
 *
 * Why: Drizzle asks each chunk, in turn, whether it is each of a dozen entity kinds, walking the
 * class chain of every miss. On the storefront's listing (a statement of a few hundred chunks)
 * that walk was ~9% of the API's CPU, more than validating the answer. Here a chunk is asked
 * once, by its class.
 */
export function compileRawSql(statement: SQL): QueryWithTypings | undefined {
  if (inlines(statement)) return undefined;
  const params: unknown[] = [];
  const text = write(statement.queryChunks, params);
  if (text === UNKNOWN) return undefined;
  // Drizzle notes one typing per parameter; no driver here reads them, but the result is equal.
  return params.length
    ? { sql: text, params, typings: params.map(() => 'none') }
    : { sql: text, params };
}

/** `sql.inlineParams()` was called on it (Drizzle keeps the flag private). */
const inlines = (statement: SQL) =>
  (statement as unknown as { shouldInlineParams: boolean }).shouldInlineParams;

/** A Drizzle class's instance: a column, a table, a placeholder… */
function isEntity(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const kind = (value as { constructor?: unknown }).constructor;
  return typeof kind === 'function' && entityKind in kind;
}

function write(chunks: readonly unknown[], params: unknown[]): string | typeof UNKNOWN {
  let text = '';
  for (const chunk of chunks) {
    const part = writeChunk(chunk, params);
    if (part === UNKNOWN) return UNKNOWN;
    text += part;
  }
  return text;
}

function writeChunk(chunk: unknown, params: unknown[]): string | typeof UNKNOWN {
  if (chunk === undefined) return '';
  if (typeof chunk === 'function') return UNKNOWN; // a pgEnum
  if (chunk !== null && typeof chunk === 'object') {
    const kind = (chunk as { constructor?: unknown }).constructor;
    if (kind === StringChunk) return (chunk as StringChunk).value.join('');
    if (kind === SQL) {
      return inlines(chunk as SQL) ? UNKNOWN : write((chunk as SQL).queryChunks, params);
    }
    if (kind === Param) {
      // `sql.param(value)`: one parameter as it is (an array stays one array parameter).
      const { value, encoder } = chunk as Param;
      if (encoder !== noopEncoder || isEntity(value)) return UNKNOWN;
      params.push(value);
      return `$${params.length}`;
    }
    if (Array.isArray(chunk)) {
      let text = '(';
      for (let i = 0; i < chunk.length; i++) {
        const part = writeChunk(chunk[i], params);
        if (part === UNKNOWN) return UNKNOWN;
        text += i ? `, ${part}` : part;
      }
      return `${text})`;
    }
    // Any other Drizzle entity (a subclass of SQL too), or anything Drizzle would ask for its SQL.
    if (isEntity(chunk)) return UNKNOWN;
    if (typeof (chunk as { getSQL?: unknown }).getSQL === 'function') return UNKNOWN;
  }
  params.push(chunk);
  return `$${params.length}`;
}

/**
 * Makes `dialect` write statements with `compileRawSql` where it can. With `verify` (the test
 * suites), every statement is also written by Drizzle's own walk and a difference throws, so the
 * whole suite checks the fast path against Drizzle's.
 */
export function useRawSqlCompiler(dialect: Dialect, { verify = false } = {}): void {
  const drizzleWrites = dialect.sqlToQuery.bind(dialect);
  dialect.sqlToQuery = (statement, invokeSource) => {
    const fast = invokeSource === undefined ? compileRawSql(statement) : undefined;
    if (!fast) return drizzleWrites(statement, invokeSource);
    if (verify) {
      const expected = drizzleWrites(statement, invokeSource);
      if (!isDeepStrictEqual(fast, expected)) {
        // inspect, not JSON: a parameter may be a bigint.
        throw new Error(`compileRawSql wrote ${inspect(fast)}, Drizzle ${inspect(expected)}`);
      }
    }
    return fast;
  };
}
