import { z } from "zod";

/**
 * The bot's settings. Validated here, once; a wrong value stops the bot with a message naming
 * the variable. (The example stays free of the server's packages, so it parses on its own
 * instead of using @parley/db's parseEnv.)
 */
export const botEnvSchema = z
  .object({
    /** The API's tRPC endpoint, e.g. http://localhost:3000/api/trpc */
    PARLEY_API_URL: z.url(),
    /** An API token with the write scope, or an email and password to sign in with. */
    PARLEY_TOKEN: z.string().min(1).optional(),
    PARLEY_EMAIL: z.email().optional(),
    PARLEY_PASSWORD: z.string().min(1).optional(),
    /** The discussion to follow. */
    BOT_DISCUSSION_ID: z.uuid(),
    /** Ask for a summary each time the thread passes another multiple of this many messages. */
    BOT_SUMMARY_EVERY: z.coerce.number().int().min(1).max(100_000).default(20),
  })
  .transform(({ PARLEY_TOKEN, PARLEY_EMAIL, PARLEY_PASSWORD, ...rest }, ctx) => {
    if (PARLEY_TOKEN) return { ...rest, auth: { token: PARLEY_TOKEN } };
    if (PARLEY_EMAIL && PARLEY_PASSWORD)
      return { ...rest, auth: { email: PARLEY_EMAIL, password: PARLEY_PASSWORD } };
    ctx.addIssue({
      code: "custom",
      message: "set PARLEY_TOKEN, or PARLEY_EMAIL and PARLEY_PASSWORD",
      path: ["PARLEY_TOKEN"],
    });
    return z.NEVER;
  });

export type BotEnv = z.infer<typeof botEnvSchema>;

export class BotConfigError extends Error {
  override name = "BotConfigError";
}

export function readBotEnv(source: NodeJS.ProcessEnv = process.env): BotEnv {
  const parsed = botEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new BotConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}
