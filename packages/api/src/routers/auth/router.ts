import { TRPCError } from "@trpc/server";
import { signInWithPassword } from "../../rate-limit/sign-in";
import { issueSessionToken, registerAccount } from "../../services/accounts";
import { effectiveStatus } from "../../services/moderation-accounts";
import { requestEmailChange, resendVerification, verifyEmail } from "../../services/email-verification";
import { readMailSettings, unsubscribeByLink, writeMailSettings } from "../../services/mail-settings";
import { requestPasswordReset, resetPassword } from "../../services/password-reset";
import { authedProcedure, createTRPCRouter, publicProcedure, rateLimited } from "../../trpc";
import {
  acceptedOutput,
  changeEmailInput,
  changeEmailRoute,
  mailSettingsRoute,
  mailSettingsSchema,
  setMailSettingsInput,
  setMailSettingsRoute,
  unsubscribeInput,
  unsubscribeOutput,
  unsubscribeRoute,
  resendVerificationRoute,
  verifyEmailInput,
  verifyEmailOutput,
  verifyEmailRoute,
  meOutput,
  meRoute,
  registerInput,
  registerOutput,
  registerRoute,
  requestPasswordResetInput,
  requestPasswordResetRoute,
  resetPasswordInput,
  resetPasswordOutput,
  resetPasswordRoute,
  signInInput,
  signInOutput,
  signInRoute,
} from "./schemas";

/**
 * The account's own mail settings: signed in is enough (an unconfirmed account held to
 * read-only must still reach them, and so must a suspended one), but not with a read-only token.
 */
const accountProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer.scopes.includes("write")) throw new TRPCError({ code: "FORBIDDEN", message: "This token has no write scope" });
  return next();
});

export const authRouter = createTRPCRouter({
  register: publicProcedure
    .use(rateLimited("auth.signUp"))
    .meta(registerRoute)
    .input(registerInput)
    .output(registerOutput)
    .mutation(({ ctx, input }) => registerAccount(ctx.db, input, new Date(ctx.now()))),

  verifyEmail: publicProcedure
    .meta(verifyEmailRoute)
    .input(verifyEmailInput)
    .output(verifyEmailOutput)
    .mutation(({ ctx, input }) => verifyEmail(ctx.db, input.token, new Date(ctx.now()))),

  resendVerification: accountProcedure
    .use(rateLimited("auth.verificationMail"))
    .meta(resendVerificationRoute)
    .output(acceptedOutput)
    .mutation(async ({ ctx }) => {
      await resendVerification(ctx.db, ctx.viewer.id, new Date(ctx.now()));
      return { status: "accepted" as const };
    }),

  changeEmail: accountProcedure
    .use(rateLimited("auth.verificationMail"))
    .meta(changeEmailRoute)
    .input(changeEmailInput)
    .output(acceptedOutput)
    .mutation(async ({ ctx, input }) => {
      await requestEmailChange(ctx.db, ctx.viewer.id, input, new Date(ctx.now()));
      return { status: "accepted" as const };
    }),

  /** For non-browser clients: a bearer token (browsers sign in through next-auth). */
  signIn: publicProcedure
    .meta(signInRoute)
    .input(signInInput)
    .output(signInOutput)
    .mutation(async ({ ctx, input }) => {
      const user = await signInWithPassword({ db: ctx.db, limiter: ctx.limiter, nowMs: ctx.now(), ip: ctx.ip }, input);
      const { token, expiresAt } = await issueSessionToken(ctx.db, user.id, new Date(ctx.now()));
      return { token, expiresAt: expiresAt.toISOString(), user };
    }),

  requestPasswordReset: publicProcedure
    .meta(requestPasswordResetRoute)
    .input(requestPasswordResetInput)
    .output(acceptedOutput)
    .mutation(async ({ ctx, input }) => {
      await requestPasswordReset({ db: ctx.db, limiter: ctx.limiter, nowMs: ctx.now(), ip: ctx.ip }, input);
      return { status: "accepted" as const };
    }),

  resetPassword: publicProcedure
    .meta(resetPasswordRoute)
    .input(resetPasswordInput)
    .output(resetPasswordOutput)
    .mutation(async ({ ctx, input }) => {
      const { email, tokens } = await resetPassword(ctx.db, input, new Date(ctx.now()));
      return {
        email,
        tokens: tokens.map((t) => ({ ...t, lastUsedAt: t.lastUsedAt?.toISOString() ?? null, createdAt: t.createdAt.toISOString() })),
      };
    }),

  mailSettings: authedProcedure
    .meta(mailSettingsRoute)
    .output(mailSettingsSchema)
    .query(({ ctx }) => readMailSettings(ctx.db, ctx.viewer.id)),

  setMailSettings: accountProcedure
    .meta(setMailSettingsRoute)
    .input(setMailSettingsInput)
    .output(mailSettingsSchema)
    .mutation(({ ctx, input }) => writeMailSettings(ctx.db, ctx.viewer.id, input)),

  unsubscribe: publicProcedure
    .meta(unsubscribeRoute)
    .input(unsubscribeInput)
    .output(unsubscribeOutput)
    .mutation(({ ctx, input }) => unsubscribeByLink(ctx.db, input.token)),

  me: publicProcedure.meta(meRoute).output(meOutput).query(({ ctx }) => {
    const v = ctx.viewer;
    if (!v) return { user: null };
    // A suspension that has ended reads as active.
    const state = effectiveStatus(v, new Date(ctx.now()));
    return {
      user: {
        id: v.id,
        email: v.email,
        handle: v.handle,
        displayName: v.displayName,
        role: v.role,
        status: state.status,
        suspendedUntil: state.suspendedUntil?.toISOString() ?? null,
        statusReason: state.statusReason,
        emailVerified: v.emailVerifiedAt !== null,
      },
    };
  }),
});
