import { catalogRouter } from './routers/catalog.ts';
import { createRouter } from './trpc.ts';

export const appRouter = createRouter({
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
