export * from './access.ts';
export {
  type BazaarClient,
  type BazaarClientError,
  type ClientOptions,
  createClient,
} from './client.ts';
export type { Actor, CatalogService, Context, Services } from './context.ts';
export * from './errors.ts';
export * from './limits.ts';
export { type AppRouter, appRouter } from './root.ts';
export * from './schemas/catalog.ts';
export * from './schemas/money.ts';
export { createCallerFactory } from './trpc.ts';
