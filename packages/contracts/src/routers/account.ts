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
import { createRouter, customerRoute, userProcedure, userRoute } from '../trpc.ts';

const tags = ['Account'];

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
  updateProfile: userRoute({
    method: 'PATCH',
    path: '/account/profile',
    tags,
    summary: 'Change my name',
  })
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
    list: userRoute({
      method: 'GET',
      path: '/account/sessions',
      tags,
      summary: 'Where I am signed in',
    })
      .output(z.array(sessionSummarySchema))
      .query(({ ctx }) => {
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
    list: customerRoute({
      method: 'GET',
      path: '/account/addresses',
      tags,
      summary: 'My address book',
    })
      .output(z.array(addressSchema))
      .query(({ ctx }) => ctx.services.account.listAddresses(signedIn(ctx).userId)),

    create: customerRoute({
      method: 'POST',
      path: '/account/addresses',
      tags,
      summary: 'Add an address',
    })
      .input(addressInputSchema)
      .output(addressSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.account.createAddress(signedIn(ctx).userId, input),
      ),

    update: customerRoute({
      method: 'PUT',
      path: '/account/addresses/{id}',
      tags,
      summary: 'Replace an address',
    })
      .input(addressUpdateInputSchema)
      .output(addressSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.account.updateAddress(signedIn(ctx).userId, input.id, input.address),
      ),

    delete: customerRoute({
      method: 'DELETE',
      path: '/account/addresses/{id}',
      tags,
      summary: 'Delete an address',
    })
      .input(addressIdInputSchema)
      .output(acceptedSchema)
      .mutation(async ({ ctx, input }) => {
        await ctx.services.account.deleteAddress(signedIn(ctx).userId, input.id);
        return accepted;
      }),

    setDefault: customerRoute({
      method: 'POST',
      path: '/account/addresses/{id}/default',
      tags,
      summary: 'Make an address the default',
    })
      .input(addressIdInputSchema)
      .output(addressSchema)
      .mutation(({ ctx, input }) =>
        ctx.services.account.setDefaultAddress(signedIn(ctx).userId, input.id),
      ),
  }),
});
