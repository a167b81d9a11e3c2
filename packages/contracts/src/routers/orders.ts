import { signedIn } from '../context.ts';
import {
  type MyOrdersRequest,
  myOrdersInputSchema,
  type Order,
  type OrderLookupInput,
  type OrderPage,
  orderByNumberInputSchema,
  orderLookupInputSchema,
  orderPageSchema,
  orderSchema,
} from '../schemas/orders.ts';
import { createRouter, publicRoute, userRoute } from '../trpc.ts';

const tags = ['Orders'];

/** Orders as their customer sees them. Another customer's order answers NOT_FOUND. */
export interface OrderService {
  listMine(userId: string, input: MyOrdersRequest): Promise<OrderPage>;
  getMine(userId: string, number: number): Promise<Order>;
  /** A guest's order by number and the email it was placed with (both must match; rate-limited). */
  lookup(input: OrderLookupInput, ip: string | null): Promise<Order>;
}

export const ordersRouter = createRouter({
  /** The signed-in shopper's orders, newest first. */
  list: userRoute({ method: 'GET', path: '/orders', tags, summary: 'My orders, newest first' })
    .input(myOrdersInputSchema)
    .output(orderPageSchema)
    .query(({ ctx, input }) => ctx.services.orders.listMine(signedIn(ctx).userId, input)),

  get: userRoute({ method: 'GET', path: '/orders/{number}', tags, summary: 'One of my orders' })
    .input(orderByNumberInputSchema)
    .output(orderSchema)
    .query(({ ctx, input }) => ctx.services.orders.getMine(signedIn(ctx).userId, input.number)),

  // POST: the email does not belong in a URL.
  lookup: publicRoute({
    method: 'POST',
    path: '/orders/lookup',
    tags,
    summary: "A guest's order by number and email",
  })
    .input(orderLookupInputSchema)
    .output(orderSchema)
    .query(({ ctx, input }) => ctx.services.orders.lookup(input, ctx.client.ip)),
});
