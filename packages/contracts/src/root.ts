import { accountRouter } from './routers/account.ts';
import { adminRouter } from './routers/admin.ts';
import { authRouter } from './routers/auth.ts';
import { cartRouter } from './routers/cart.ts';
import { catalogRouter } from './routers/catalog.ts';
import { checkoutRouter } from './routers/checkout.ts';
import { ordersRouter } from './routers/orders.ts';
import { createRouter } from './trpc.ts';

export const appRouter = createRouter({
  catalog: catalogRouter,
  cart: cartRouter,
  checkout: checkoutRouter,
  orders: ordersRouter,
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
