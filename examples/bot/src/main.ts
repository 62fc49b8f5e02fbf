// The example bot as a program: `pnpm --filter @parley/example-bot start` with the settings of
// env.ts in the environment. Stops cleanly on SIGINT (Ctrl-C) and SIGTERM.
import { createParleyClient, signIn } from "@parley/client";
import { EventSource } from "eventsource";
import { startSummaryBot } from "./bot";
import { BotConfigError, readBotEnv } from "./env";

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const env = readBotEnv();
  const retry = {
    onRetry: ({ delayMs }: { delayMs: number }) =>
      print(`reconnecting in ${Math.round(delayMs)} ms`),
  };
  const options = { url: env.PARLEY_API_URL, EventSource, retry };
  const client =
    "token" in env.auth
      ? createParleyClient({ ...options, token: env.auth.token })
      : (await signIn({ ...options, ...env.auth })).client;

  const bot = await startSummaryBot({
    client,
    discussionId: env.BOT_DISCUSSION_ID,
    every: env.BOT_SUMMARY_EVERY,
    print,
  });
  const shutdown = (signal: NodeJS.Signals) => {
    print(`${signal}: stopping`);
    void bot.stop().then(() => print("stopped"));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof BotConfigError ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
