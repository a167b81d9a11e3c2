import { z } from 'zod';
import type { ClientInfo } from '../context.ts';
import { sessionOf, signedIn } from '../context.ts';
import {
  type Address,
  type AddressInput,
  acceptedSchema,
  addressIdInputSchema,
  addressInputSchema,
  addressSchema,
  addressUpdateInputSchema,
  type ChangeEmailInput,
  type ChangePasswordInput,
  changeEmailInputSchema,
  changePasswordInputSchema,
  type Me,
  meSchema,
  type SessionSummary,
  sessionIdInputSchema,
  sessionSummarySchema,
  updateProfileInputSchema,
} from '../schemas/accounts.ts';
import { createRouter, customerProcedure, userProcedure } from '../trpc.ts';

/** The signed-in user's own profile, security settings and address book. */
export interface AccountService {
  updateProfile(userId: string, input: { name: string }): Promise<Me>;
  /** Needs the current password; the new address must be verified again. */
  changeEmail(userId: string, input: ChangeEmailInput, client: ClientInfo): Promise<Me>;
  /** Needs the current password; every other session of the user is revoked. */
  changePassword(userId: string, sessionId: string, input: ChangePasswordInput): Promise<void>;
  listSessions(userId: string, currentSessionId: string): Promise<SessionSummary[]>;
  revokeSession(userId: string, sessionId: string): Promise<void>;
  revokeOtherSessions(userId: string, currentSessionId: string): Promise<number>;
  listAddresses(userId: string): Promise<Address[]>;
  createAddress(userId: string, input: AddressInput): Promise<Address>;
  updateAddress(userId: string, id: string, input: AddressInput): Promise<Address>;
  deleteAddress(userId: string, id: string): Promise<void>;
  setDefaultAddress(userId: string, id: string): Promise<Address>;
}

const accepted = { accepted: true } as const;

export const accountRouter = createRouter({
  updateProfile: userProcedure
    .input(updateProfileInputSchema)
    .output(meSchema)
    .mutation(({ ctx, input }) => ctx.services.account.updateProfile(signedIn(ctx).userId, input)),

  changeEmail: userProcedure
    .input(changeEmailInputSchema)
    .output(meSchema)
    .mutation(({ ctx, input }) =>
      ctx.services.account.changeEmail(signedIn(ctx).userId, input, ctx.client),
    ),

  changePassword: userProcedure
    .input(changePasswordInputSchema)
    .output(acceptedSchema)
    .mutation(async ({ ctx, input }) => {
      const { userId, sessionId } = sessionOf(ctx);
      await ctx.services.account.changePassword(userId, sessionId, input);
      return accepted;
    }),

  sessions: createRouter({
    list: userProcedure.output(z.array(sessionSummarySchema)).query(({ ctx }) => {
      const { userId, sessionId } = sessionOf(ctx);
      return ctx.services.account.listSessions(userId, sessionId);
    }),

    /** Revoking the current session signs the caller out. */
    revoke: userProcedure
      .input(sessionIdInputSchema)
      .output(acceptedSchema)
      .mutation(async ({ ctx, input }) => {
        const { userId, sessionId } = sessionOf(ctx);
        await ctx.services.account.revokeSession(userId, input.id);
        if (input.id === sessionId) ctx.cookies.clearSession();
        return accepted;
      }),

    revokeOthers: userProcedure
      .output(z.object({ revoked: z.number().int().nonnegative() }))
      .mutation(async ({ ctx }) => {
        const { userId, sessionId } = sessionOf(ctx);
        return { revoked: await ctx.services.account.revokeOtherSessions(userId, sessionId) };
      }),
  }),

  addresses: createRouter({
    list: customerProcedure
      .output(z.array(addressSchema))
      .query(({ ctx }) => ctx.services.account.listAddresses(signedIn(ctx).userId)),

    create: customerProcedure
      .input(addressInputSchema)
      .output(addressSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.account.createAddress(signedIn(ctx).userId, input),
      ),

    update: customerProcedure
      .input(addressUpdateInputSchema)
      .output(addressSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.account.updateAddress(signedIn(ctx).userId, input.id, input.address),
      ),

    delete: customerProcedure
      .input(addressIdInputSchema)
      .output(acceptedSchema)
      .mutation(async ({ ctx, input }) => {
        await ctx.services.account.deleteAddress(signedIn(ctx).userId, input.id);
        return accepted;
      }),

    setDefault: customerProcedure
      .input(addressIdInputSchema)
      .output(addressSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.account.setDefaultAddress(signedIn(ctx).userId, input.id),
      ),
  }),
});
