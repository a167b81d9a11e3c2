import type { CatalogAdminService } from '@bazaar/contracts/server';

/**
 * The catalog admin service, calling `changed` after each of its calls settles, so this
 * instance's storefront reads show its own staff's edits at once instead of at the next version
 * poll. (Reads trigger it too: one extra read of a one-row table, and no write is forgotten.)
 */
export function reportingChanges(
  admin: CatalogAdminService,
  changed: () => void,
): CatalogAdminService {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(admin)) {
    wrapped[name] =
      typeof method === 'function'
        ? (...args: unknown[]) =>
            (method as (...a: unknown[]) => Promise<unknown>).apply(admin, args).finally(changed)
        : method;
  }
  return wrapped as unknown as CatalogAdminService;
}
