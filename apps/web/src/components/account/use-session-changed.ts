'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { useTRPC } from '@/trpc/react';

/**
 * After signing in or out (or anything that changes who the visitor is): drop the previous
 * visitor's account data, refetch the session, and re-render the server components (the header
 * and the account layout read the session on the server). Optionally navigate first.
 */
export function useSessionChanged() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    async (navigateTo?: string) => {
      // Removed, not refetched: a mounted account page must not refetch as someone else.
      queryClient.removeQueries({ queryKey: trpc.account.pathKey() });
      if (navigateTo) router.push(navigateTo);
      router.refresh();
      // Signing in brings the guest cart into the account's; signing out leaves it behind. Not
      // awaited: the caller's navigation (a transition) must not wait for the cart.
      void queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.auth.pathKey() });
    },
    [queryClient, router, trpc],
  );
}
