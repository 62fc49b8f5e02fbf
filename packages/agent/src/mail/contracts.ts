import { z } from "zod";

/** The graphile-worker task that sends one mail. */
export const MAIL_TASK = "send_mail";

const link = z.url({ protocol: /^https?$/ }).max(2000);

/** What a mail says, by template. The worker renders each as text and HTML from one template. */
export const mailContentSchema = z.discriminatedUnion("template", [
  z.object({
    template: z.literal("password_reset"),
    link,
    expiresInMinutes: z.number().int().min(1).max(10_080),
  }),
  z.object({
    template: z.literal("verify_email"),
    link,
    expiresInHours: z.number().int().min(1).max(720),
    /** True when the account asked to move to this address (not a new registration). */
    change: z.boolean().default(false),
  }),
  /** To the old address when a member asks to move the account to another one. */
  z.object({
    template: z.literal("email_change_requested"),
    newAddress: z.string().max(254),
    resetLink: link,
  }),
  /** Mentions and replies the member has not seen in the app, batched into one mail. */
  z.object({
    template: z.literal("notifications"),
    items: z
      .array(
        z.object({
          kind: z.enum(["mention", "reply"]),
          actor: z.string().max(120),
          discussionTitle: z.string().max(300),
          excerpt: z.string().max(400),
          link,
        }),
      )
      .min(1)
      .max(50),
    settingsLink: link,
  }),
  /** For moderators: review-queue items still open after the delay. */
  z.object({
    template: z.literal("review_queue"),
    items: z
      .array(z.object({ what: z.string().max(120), reason: z.string().max(300) }))
      .min(1)
      .max(50),
    /** How many more are open beyond the listed ones. */
    more: z.number().int().min(0),
    queueLink: link,
    settingsLink: link,
  }),
  /** Someone registered with an address that already has an account. */
  z.object({ template: z.literal("registration_attempt"), signInLink: link, resetLink: link }),
]);
export type MailContent = z.infer<typeof mailContentSchema>;
export type MailTemplate = MailContent["template"];

/** The job payload, versioned so that a queued job outlives a deploy that changes it. */
export const mailJobPayloadSchema = z.object({
  v: z.literal(1),
  to: z.email().max(254),
  /** The recipient's display name, for the greeting; null when unknown. */
  name: z.string().max(120).nullable(),
  content: mailContentSchema,
  /** RFC 8058 one-click unsubscribe: sent as List-Unsubscribe (+ List-Unsubscribe-Post). */
  unsubscribeUrl: link.optional(),
});
export type MailJobPayload = z.infer<typeof mailJobPayloadSchema>;
