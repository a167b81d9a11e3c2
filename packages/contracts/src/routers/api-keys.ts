import { z } from 'zod';
import { signedIn } from '../context.ts';
import {
  type ApiKey,
  apiKeyIdInputSchema,
  apiKeySchema,
  type CreateApiKeyInput,
  type CreatedApiKey,
  createApiKeyInputSchema,
  createdApiKeySchema,
} from '../schemas/admin.ts';
import { createRouter, staffProcedure } from '../trpc.ts';

/**
 * Staff API keys for programs. `actorId` is the staff member making the change. A key's role must
 * not grant `staff:manage` (a program never manages staff or keys) and its maker must hold every
 * permission of the role, as when giving a role to a person.
 */
export interface ApiKeyService {
  list(): Promise<ApiKey[]>;
  create(actorId: string, input: CreateApiKeyInput): Promise<CreatedApiKey>;
  /** Idempotent: revoking a revoked key answers it unchanged. */
  revoke(actorId: string, id: string): Promise<ApiKey>;
}

export const apiKeysRouter = createRouter({
  list: staffProcedure('staff:manage')
    .output(z.array(apiKeySchema))
    .query(({ ctx }) => ctx.services.apiKeys.list()),

  /** The answer holds the token; it is never shown again. */
  create: staffProcedure('staff:manage')
    .input(createApiKeyInputSchema)
    .output(createdApiKeySchema)
    .mutation(({ ctx, input }) => ctx.services.apiKeys.create(signedIn(ctx).userId, input)),

  revoke: staffProcedure('staff:manage')
    .input(apiKeyIdInputSchema)
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => ctx.services.apiKeys.revoke(signedIn(ctx).userId, input.id)),
});
