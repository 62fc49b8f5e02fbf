import { logger } from "@parley/api/server";
import { runtimeIfStarted } from "./runtime";

/**
 * `next start` stops on SIGTERM only when every connection has ended, and live subscriptions
 * never end by themselves. Closing the event bus ends them; clients then subscribe again (to
 * another instance, or to this one once it is back) and refetch what they missed.
 */
export function endLiveStreamsOnShutdown(): void {
  const end = () => {
    const pending = runtimeIfStarted();
    if (!pending) return;
    void pending
      .then((runtime) => runtime.events.close())
      .then(
        () => logger.info("live streams ended for shutdown"),
        (error: unknown) => logger.warn({ err: error }, "ending live streams failed"),
      );
  };
  process.once("SIGTERM", end);
  process.once("SIGINT", end);
}
