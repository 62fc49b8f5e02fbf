import { z } from "zod";
import { parseEnv } from "@parley/db";

export const mailEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. Unset
   * outside production: mail goes to the dev outbox under .data/outbox (read at /dev/outbox). */
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: "must be an smtp:// or smtps:// URL, like smtp://user:pass@mail.example.com:587",
    })
    .optional(),
  /** The From header of every mail. */
  MAIL_FROM: z.string().trim().min(3).max(200).default("Parley <no-reply@localhost>"),
  /** The name mails are signed with and their subjects start with. */
  SITE_NAME: z.string().trim().min(1).max(80).default("Parley"),
  /** Where the site is reached, for links in mails (the web app reads the same variable). */
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  /** A mention or reply is mailed when it is still unread this long after it happened. */
  NOTIFICATION_MAIL_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(600_000),
});
export type MailEnv = z.infer<typeof mailEnvSchema>;

export const readMailEnv = (source: NodeJS.ProcessEnv = process.env): MailEnv =>
  parseEnv(mailEnvSchema, source);
