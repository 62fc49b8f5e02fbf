import { z } from "zod";
import { text } from "../text";
import { passwordSchema } from "../../auth/password";
import { restRoute } from "../../rest/meta";
import { roleSchema, selfUserSchema } from "../../views/user";

const email = z.email("Enter a valid email address").max(254);

export const registerInput = z.object({
  email,
  password: passwordSchema,
  displayName: text().trim().min(1, "Enter a display name").max(60),
});

export const signInInput = z.object({ email, password: text().min(1).max(200) });

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  handle: z.string(),
  displayName: z.string(),
  role: roleSchema,
});

/** The same for a new address and for one that has an account (which is told by mail). */
export const registerOutput = z.object({ status: z.literal("verification_sent"), email: z.string() });
export const signInOutput = z.object({ token: z.string(), expiresAt: z.iso.datetime(), user: accountSchema });
export const meOutput = z.object({
  user: selfUserSchema.extend({ /** The address was confirmed by a mailed link. */ emailVerified: z.boolean() }).nullable(),
});

export const registerRoute = restRoute("POST", "/auth/register", {
  summary: "Create an account",
  description:
    "Registers an account with email and password and mails the address a verification link (see POST /auth/verify-email). If the address already has an account, its owner is told by mail instead, and the answer is the same, so it reveals nobody's membership. Sign in with POST /auth/login to get a bearer token; what an unverified account may do is a site setting (by default: read and post at the new-account limits).",
  tag: "Auth",
  auth: "none",
  errors: [400, 429],
});
export const signInRoute = restRoute("POST", "/auth/login", {
  summary: "Sign in for a bearer token",
  description: "Returns a session token for the Authorization header (`Bearer <token>`) and when it expires. A banned account is refused with 403 and the reason.",
  tag: "Auth",
  auth: "none",
  errors: [400, 401, 403],
});
export const meRoute = restRoute("GET", "/me", {
  summary: "The signed-in account",
  description: "The caller's account, or `user: null` when the request carries no credentials.",
  tag: "Auth",
  auth: "optional",
  errors: [401],
});

/** A link's secret as it arrives from a mail: base64url, 43 characters for 32 bytes. */
const linkToken = text()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "This link is not valid. Ask for a new one.");

export const requestPasswordResetInput = z.object({ email });
/** The same answer whether or not the address has an account. */
export const acceptedOutput = z.object({ status: z.literal("accepted") });

export const resetPasswordInput = z.object({ token: linkToken, password: passwordSchema });
export const resetPasswordOutput = z.object({
  email: z.string(),
  /** The account's personal API tokens, still valid: revoke any you no longer trust. */
  tokens: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      prefix: z.string(),
      scopes: z.array(z.string()),
      lastUsedAt: z.iso.datetime().nullable(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

export const requestPasswordResetRoute = restRoute("POST", "/auth/password-reset", {
  summary: "Ask for a password reset link",
  description:
    "Mails a single-use link (valid for an hour) to the address if it has an account. The answer is the same either way. Limited per address and per IP (429 with Retry-After).",
  tag: "Auth",
  auth: "none",
  errors: [400, 429],
});
export const resetPasswordRoute = restRoute("POST", "/auth/password-reset/confirm", {
  summary: "Set a new password with a reset link's token",
  description:
    "Uses the token up, sets the password, ends the account's sessions and sign-in tokens, and lists its personal API tokens so that any can be revoked. An expired, used or unknown token is refused with 400 and what to do next.",
  tag: "Auth",
  auth: "none",
  errors: [400],
});

export const verifyEmailInput = z.object({ token: linkToken });
export const verifyEmailOutput = z.object({ email: z.string(), changed: z.boolean() });
export const changeEmailInput = z.object({ newEmail: email, password: text().max(200) });

export const verifyEmailRoute = restRoute("POST", "/auth/verify-email", {
  summary: "Confirm an address with a verification link's token",
  description:
    "Uses the token up and marks the address verified; for a requested change of address, the account's address becomes the new one now (`changed: true`). Expired, used or unknown tokens are refused with 400 and what to do next.",
  tag: "Auth",
  auth: "none",
  errors: [400],
});
export const resendVerificationRoute = restRoute("POST", "/auth/verify-email/resend", {
  summary: "Mail a new verification link",
  description: "For the signed-in account whose address is not yet verified; earlier links stop working. 409 when it is already verified.",
  tag: "Auth",
  auth: "required",
  errors: [401, 403, 409, 429],
});
export const changeEmailRoute = restRoute("POST", "/auth/email", {
  summary: "Move the account to another address",
  description:
    "Needs the current password. The new address gets a verification link and the change happens when it is opened; the current address is told at once. An address that has an account gets nothing, with the same answer.",
  tag: "Auth",
  auth: "required",
  errors: [400, 401, 403, 429],
});

const mailMode = z.enum(["immediately", "never"]);
export const mailSettingsSchema = z.object({
  /** Mentions and replies not seen in the app within 10 minutes are mailed (batched), or never. */
  mentions: mailMode,
  replies: mailMode,
  /** Moderators and admins: review-queue items still open after the delay (ignored for members). */
  reviews: mailMode,
});
export const setMailSettingsInput = mailSettingsSchema.partial();
export const unsubscribeInput = z.object({ token: text().min(1).max(300) });
export const unsubscribeOutput = z.object({ kinds: z.array(z.enum(["mention", "reply", "review"])) });

export const mailSettingsRoute = restRoute("GET", "/me/mail-settings", {
  summary: "Which notifications are mailed",
  description: "Per kind: `immediately` (after the delay, when not seen in the app, batched) or `never`.",
  tag: "Auth",
  auth: "required",
  errors: [401],
});
export const setMailSettingsRoute = restRoute("PATCH", "/me/mail-settings", {
  summary: "Change which notifications are mailed",
  tag: "Auth",
  auth: "required",
  errors: [400, 401, 403],
});
export const unsubscribeRoute = restRoute("POST", "/auth/unsubscribe", {
  summary: "Turn notification mail off with a mail's unsubscribe token",
  description:
    "No sign-in: the token (from a notification mail's List-Unsubscribe link) names the account and the kinds of mail, signed by the server. Mail clients use the RFC 8058 endpoint `POST /api/unsubscribe?token=` instead.",
  tag: "Auth",
  auth: "none",
  errors: [400],
});
