import { type Database } from "@parley/db";
import { appendAgentEvent, wakeEventReaders } from "../events";

/**
 * Streamed text becomes agent.job.delta events in batches: one event row and one wake-up per
 * `flushMs`, never one per token. Writes happen in order; a failed write is reported and
 * skipped (the final result carries the whole text anyway).
 */
export class DeltaStream {
  private pending = "";
  private reset = false;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Delta events written, for logs and tests. */
  written = 0;

  constructor(
    private readonly db: Database,
    private readonly job: { id: string; discussionId: string },
    private readonly flushMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(text: string, options?: { reset?: boolean }): void {
    if (options?.reset) {
      this.pending = "";
      this.reset = true;
    }
    this.pending += text;
    if (!this.timer && (this.pending || this.reset)) {
      this.timer = setTimeout(() => {
        this.flush();
      }, this.flushMs);
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending && !this.reset) return;
    const text = this.pending;
    const reset = this.reset;
    this.pending = "";
    this.reset = false;
    this.chain = this.chain.then(async () => {
      try {
        await appendAgentEvent(this.db, this.job.discussionId, {
          type: "agent.job.delta",
          jobId: this.job.id,
          discussionId: this.job.discussionId,
          text,
          ...(reset ? { reset: true } : {}),
        });
        await wakeEventReaders(this.db);
        this.written++;
      } catch (error) {
        this.onError(error);
      }
    });
  }

  /** Writes what is left and waits for every write. */
  async close(): Promise<void> {
    this.flush();
    await this.chain;
  }
}
