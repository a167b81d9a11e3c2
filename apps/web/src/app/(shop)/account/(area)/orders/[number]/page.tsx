import type { Order } from '@bazaar/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { isSignedInCustomer } from '@/components/account/session';
import { OrderView } from '@/components/orders/order-view';
import { PageHeading } from '@/components/ui/page-heading';
import { linkClass } from '@/components/ui/styles';
import { parseOrderNumber } from '@/lib/customer-orders';
import { getQueryClient, getTRPC, trpcErrorCode } from '@/trpc/server';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ number: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { number } = await params;
  return { title: `Order #${parseOrderNumber(number) ?? ''}` };
}

/** One of the customer's orders; someone else's number (or no order) is the 404 page. */
export default async function OrderPage({ params }: Props) {
  const { number: raw } = await params;
  const number = parseOrderNumber(raw);
  if (number === null) notFound();
  // The layout sends anyone else to sign in (or, staff, to the admin).
  if (!(await isSignedInCustomer())) return null;
  let order: Order;
  try {
    order = await getQueryClient().fetchQuery(getTRPC().orders.get.queryOptions({ number }));
  } catch (error) {
    const code = trpcErrorCode(error);
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') notFound();
    throw error;
  }
  return (
    <>
      <div className="space-y-3">
        <Link href="/account/orders" className={`text-sm ${linkClass}`}>
          ← All orders
        </Link>
        <PageHeading title={`Order #${order.number}`} />
      </div>
      <OrderView order={order} />
    </>
  );
}
