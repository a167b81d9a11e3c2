import type { OrderStatus } from '@bazaar/contracts';
import { Badge, type BadgeTone } from '@/components/ui/badge';

/** Each order status in staff's words, in the order an order goes through them. */
export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  fulfilled: 'Shipped',
  delivered: 'Delivered',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  cancelled: 'Cancelled',
};

const ORDER_STATUS_TONE: Record<OrderStatus, BadgeTone> = {
  pending_payment: 'muted',
  // Paid and not shipped: the one that needs staff.
  paid: 'warning',
  fulfilled: 'brand',
  delivered: 'success',
  partially_refunded: 'brand',
  refunded: 'muted',
  cancelled: 'danger',
};

/** An order's status as a badge (server and client components alike). */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <Badge
      tone={ORDER_STATUS_TONE[status]}
      className="whitespace-nowrap"
      data-testid="order-status"
    >
      {ORDER_STATUS_LABEL[status]}
    </Badge>
  );
}
