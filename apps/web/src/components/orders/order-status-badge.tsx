import type { OrderStatus } from '@bazaar/contracts';
import { Badge } from '@/components/ui/badge';
import { ORDER_STATUS } from '@/lib/customer-orders';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { label, tone } = ORDER_STATUS[status];
  return (
    <Badge tone={tone} data-testid="order-status">
      {label}
    </Badge>
  );
}
