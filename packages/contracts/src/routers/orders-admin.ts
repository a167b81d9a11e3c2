import { signedIn } from '../context.ts';
import {
  type AdminOrder,
  type AdminOrderListRequest,
  type AdminOrderPage,
  adminOrderListInputSchema,
  adminOrderPageSchema,
  adminOrderSchema,
  type CancelOrderInput,
  cancelOrderInputSchema,
  type OrderNoteInput,
  orderIdInputSchema,
  orderNoteInputSchema,
  type RefundOrderInput,
  refundOrderInputSchema,
  type ShipOrderInput,
  shipOrderInputSchema,
} from '../schemas/orders.ts';
import { createRouter, staffProcedure } from '../trpc.ts';

/**
 * Staff actions on orders. Each is a transition of the one order state machine; one the order's
 * state does not allow is CONFLICT naming both. `actorId` is the staff member.
 */
export interface OrderAdminService {
  list(input: AdminOrderListRequest): Promise<AdminOrderPage>;
  get(id: string): Promise<AdminOrder>;
  ship(actorId: string, input: ShipOrderInput): Promise<AdminOrder>;
  deliver(actorId: string, id: string): Promise<AdminOrder>;
  /** Unpaid: releases the reservation. Paid, not shipped: refunds in full and restocks. */
  cancel(actorId: string, input: CancelOrderInput): Promise<AdminOrder>;
  /** Through the payment provider; full or partial, never more than was paid. */
  refund(actorId: string, input: RefundOrderInput): Promise<AdminOrder>;
  addNote(actorId: string, input: OrderNoteInput): Promise<AdminOrder>;
}

export const ordersAdminRouter = createRouter({
  list: staffProcedure('orders:read')
    .input(adminOrderListInputSchema)
    .output(adminOrderPageSchema)
    .query(({ ctx, input }) => ctx.services.ordersAdmin.list(input)),

  get: staffProcedure('orders:read')
    .input(orderIdInputSchema)
    .output(adminOrderSchema)
    .query(({ ctx, input }) => ctx.services.ordersAdmin.get(input.id)),

  ship: staffProcedure('orders:write')
    .input(shipOrderInputSchema)
    .output(adminOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.ordersAdmin.ship(signedIn(ctx).userId, input)),

  deliver: staffProcedure('orders:write')
    .input(orderIdInputSchema)
    .output(adminOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.ordersAdmin.deliver(signedIn(ctx).userId, input.id)),

  cancel: staffProcedure('orders:write')
    .input(cancelOrderInputSchema)
    .output(adminOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.ordersAdmin.cancel(signedIn(ctx).userId, input)),

  refund: staffProcedure('orders:write')
    .input(refundOrderInputSchema)
    .output(adminOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.ordersAdmin.refund(signedIn(ctx).userId, input)),

  addNote: staffProcedure('orders:write')
    .input(orderNoteInputSchema)
    .output(adminOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.ordersAdmin.addNote(signedIn(ctx).userId, input)),
});
