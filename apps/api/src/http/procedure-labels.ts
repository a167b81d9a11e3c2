/** The label of anything not known in advance: an unknown procedure or path. */
export const UNKNOWN = 'unknown';

/**
 * The procedures a tRPC URL calls, as metric labels and log fields: known procedure paths only
 * (anything else is `unknown`), so what a caller puts in a URL never makes a new label. A batch
 * larger than `maxBatch` (refused anyway) is one `unknown`.
 */
export function procedureLabels(
  url: string,
  basePath: string,
  known: ReadonlyMap<string, unknown>,
  maxBatch: number,
): string[] {
  const queryAt = url.indexOf('?');
  const path = url.slice(basePath.length, queryAt === -1 ? undefined : queryAt);
  const batch = queryAt !== -1 && /[?&]batch=1(?:&|$)/.test(url.slice(queryAt));
  if (!batch) return [known.has(path) ? path : UNKNOWN];
  const paths = path.split(',');
  if (paths.length > maxBatch) return [UNKNOWN];
  return paths.map((p) => (known.has(p) ? p : UNKNOWN));
}
