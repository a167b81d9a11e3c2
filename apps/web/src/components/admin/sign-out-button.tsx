'use client';

import { useMutation } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';

/**
 * Signs out and reloads into the sign-in page, so nothing the previous staff member saw stays in
 * the browser's query cache.
 */
export function SignOutButton({
  variant = 'secondary',
  className,
}: {
  variant?: 'primary' | 'secondary';
  className?: string;
}) {
  const trpc = useTRPC();
  const signOut = useMutation(trpc.auth.signOut.mutationOptions());
  return (
    <Button
      variant={variant}
      size="sm"
      className={className}
      pending={signOut.isPending || signOut.isSuccess}
      onClick={() =>
        signOut.mutate(undefined, {
          onSettled: () => window.location.assign('/admin/sign-in'),
        })
      }
    >
      Sign out
    </Button>
  );
}
