import { z } from 'zod';
import type { ClientInfo, Context, CurrentSession, IssuedSession } from '../context.ts';
import { sessionOf, signedIn } from '../context.ts';
import {
  acceptedSchema,
  emailTokenInputSchema,
  type PasswordResetInput,
  passwordResetInputSchema,
  passwordResetRequestInputSchema,
  recoveryCodesSchema,
  type SecondFactorInput,
  type SessionState,
  type SignInInput,
  type SignUpInput,
  secondFactorInputSchema,
  sessionStateSchema,
  signInInputSchema,
  signUpInputSchema,
  type TotpEnrolment,
  totpCodeSchema,
  totpEnrolmentSchema,
} from '../schemas/accounts.ts';
import {
  createRouter,
  publicProcedure,
  publicRoute,
  staffProcedure,
  userProcedure,
} from '../trpc.ts';

const tags = ['Account'];

export interface SignedInResult {
  session: IssuedSession;
  state: SessionState;
  /** Set once the user is fully signed in: this browser is now a known device of the account. */
  device?: IssuedSession | undefined;
}

/** Sign-up, sign-in (with the staff second factor), sign-out and the emailed-token flows. */
export interface AuthService {
  sessionState(session: CurrentSession | null): Promise<SessionState>;
  signUp(input: SignUpInput, client: ClientInfo): Promise<SignedInResult>;
  signIn(input: SignInInput, client: ClientInfo): Promise<SignedInResult>;
  /** Checks the second factor of a pending session and replaces it with a fully signed-in one. */
  completeSecondFactor(
    session: CurrentSession | null,
    input: SecondFactorInput,
    client: ClientInfo,
  ): Promise<SignedInResult>;
  signOut(sessionId: string): Promise<void>;
  requestPasswordReset(email: string, client: ClientInfo): Promise<void>;
  resetPassword(input: PasswordResetInput, client: ClientInfo): Promise<void>;
  verifyEmail(token: string): Promise<void>;
  resendVerification(userId: string, client: ClientInfo): Promise<void>;
  acceptInvite(input: PasswordResetInput, client: ClientInfo): Promise<void>;
  beginTotpEnrolment(userId: string): Promise<TotpEnrolment>;
  confirmTotpEnrolment(userId: string, sessionId: string, code: string): Promise<string[]>;
}

const accepted = { accepted: true } as const;

/** Hands the new session to the cookie and answers with the caller's new state. */
function startSession(ctx: Context, result: SignedInResult): SessionState {
  ctx.cookies.setSession(result.session);
  if (result.device) ctx.cookies.setDevice(result.device);
  return result.state;
}

export const authRouter = createRouter({
  /** Whether the caller is signed in, and as whom. Signed-out callers get `signed-out`, not an error. */
  session: publicRoute({
    method: 'GET',
    path: '/auth/session',
    tags,
    summary: 'Whether the caller is signed in, and as whom',
  })
    .output(sessionStateSchema)
    .query(({ ctx }) => ctx.services.auth.sessionState(ctx.session)),

  signUp: publicRoute({
    method: 'POST',
    path: '/auth/sign-up',
    tags,
    summary: 'Create a customer account (sets the session cookie)',
  })
    .input(signUpInputSchema)
    .output(sessionStateSchema)
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await ctx.services.auth.signUp(input, ctx.client)),
    ),

  signIn: publicRoute({
    method: 'POST',
    path: '/auth/sign-in',
    tags,
    summary: 'Sign in (sets the session cookie)',
  })
    .input(signInInputSchema)
    .output(sessionStateSchema)
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await ctx.services.auth.signIn(input, ctx.client)),
    ),

  /** Public because the caller is not signed in yet: it needs a session pending its second factor. */
  completeSecondFactor: publicProcedure
    .input(secondFactorInputSchema)
    .output(sessionStateSchema)
    .mutation(async ({ ctx, input }) =>
      startSession(
        ctx,
        await ctx.services.auth.completeSecondFactor(ctx.session, input, ctx.client),
      ),
    ),

  signOut: publicRoute({ method: 'POST', path: '/auth/sign-out', tags, summary: 'Sign out' })
    .output(acceptedSchema)
    .mutation(async ({ ctx }) => {
      if (ctx.session) await ctx.services.auth.signOut(ctx.session.id);
      ctx.cookies.clearSession();
      return accepted;
    }),

  /** Answers the same whether or not the account exists. */
  requestPasswordReset: publicProcedure
    .input(passwordResetRequestInputSchema)
    .output(acceptedSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.auth.requestPasswordReset(input.email, ctx.client);
      return accepted;
    }),

  resetPassword: publicProcedure
    .input(passwordResetInputSchema)
    .output(acceptedSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.auth.resetPassword(input, ctx.client);
      return accepted;
    }),

  verifyEmail: publicProcedure
    .input(emailTokenInputSchema)
    .output(acceptedSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.auth.verifyEmail(input.token);
      return accepted;
    }),

  /** Invited staff choose their password with the emailed token. */
  acceptInvite: publicProcedure
    .input(passwordResetInputSchema)
    .output(acceptedSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.auth.acceptInvite(input, ctx.client);
      return accepted;
    }),

  resendVerification: userProcedure.output(acceptedSchema).mutation(async ({ ctx }) => {
    await ctx.services.auth.resendVerification(signedIn(ctx).userId, ctx.client);
    return accepted;
  }),

  twoFactor: createRouter({
    /** Starts (or restarts) TOTP enrolment; the key is active only once confirmed with a code. */
    begin: staffProcedure(null)
      .output(totpEnrolmentSchema)
      .mutation(({ ctx }) => ctx.services.auth.beginTotpEnrolment(signedIn(ctx).userId)),

    confirm: staffProcedure(null)
      .input(z.object({ code: totpCodeSchema }))
      .output(recoveryCodesSchema)
      .mutation(async ({ ctx, input }) => {
        const { userId, sessionId } = sessionOf(ctx);
        const recoveryCodes = await ctx.services.auth.confirmTotpEnrolment(
          userId,
          sessionId,
          input.code,
        );
        return { recoveryCodes };
      }),
  }),
});
