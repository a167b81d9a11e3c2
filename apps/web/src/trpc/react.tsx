'use client';

import type { AppRouter } from '@bazaar/contracts';
// The client entry alone: the package's index brings every Zod schema (~30 kB gzipped) to each page.
import { createClient } from '@bazaar/contracts/client';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import { makeQueryClient } from './query-client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  // Server: always a new client, so requests never share data.
  if (typeof window === 'undefined') return makeQueryClient();
  // Browser: one client for the tab, even if React suspends during the first render.
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  // Same origin: next.config.ts rewrites /trpc to the API. Server components prefetch
  // everything client components read, so this client only runs in the browser.
  const [trpcClient] = useState(() => createClient({ url: '/trpc' }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
