'use client';

import type { Cart } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';

/** The shopper's cart in `currency`, and the changes to it; each change answers the new cart. */
export function useCart(currency: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.cart.get.queryOptions({ currency }));
  const onSuccess = (cart: Cart) =>
    queryClient.setQueryData(trpc.cart.get.queryKey({ currency }), cart);
  return {
    query,
    add: useMutation(trpc.cart.add.mutationOptions({ onSuccess })),
    setQuantity: useMutation(trpc.cart.setQuantity.mutationOptions({ onSuccess })),
    remove: useMutation(trpc.cart.remove.mutationOptions({ onSuccess })),
    dismissNotices: useMutation(trpc.cart.dismissNotices.mutationOptions({ onSuccess })),
  };
}
