import pg from "pg";
import { databaseUnavailability, type Database, wakeEventReaders } from "@parley/db";
import { type Logger } from "../logger";
import { metrics } from "../metrics";
import { type Cursor, compareCursors } from "./cursor";
import { currentHorizon, EVENTS_CHANNEL, readEvents, type StoredEvent } from "./outbox";
import { AsyncQueue } from "./queue";

/** What routers need from the live path; a Redis implementation could stand behind it. */
export interface EventBus {
  /** Events read after this call that pass `filter`, until `signal` aborts. */
  subscribe(
    filter: (event: StoredEvent) => boolean,
    signal: AbortSignal,
  ): AsyncIterable<StoredEvent>;
  /** Call after committing events: reads them here and wakes the other instances. */
  wake(): void;
  readonly listening: boolean;
  close(): Promise<void>;
}

interface Subscriber {
  filter: (event: StoredEvent) => boolean;
  queue: AsyncQueue<StoredEvent>;
}

const PAGE = 500;
const MAX_QUEUED_PER_SUBSCRIBER = 10_000;

/**
 * The PostgreSQL event bus: one LISTEN connection per process receives payload-free wake-ups;
 * on each (and on a slow timer, in case one is lost) the process reads the outbox once from
 * its own cursor and fans the rows out to its subscribers.
 */
export class PostgresEventBus implements EventBus {
  private readonly subscribers = new Set<Subscriber>();
  private cursor: Cursor | undefined;
  private listener: pg.Client | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private notifying = false;
  private notifyAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  listening = false;

  constructor(
    private readonly db: Database,
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly fallbackPollMs = 1000,
  ) {}

  async start(): Promise<void> {
    this.cursor = await currentHorizon(this.db);
    await this.connectListener();
    this.timer = setInterval(() => this.poll(), this.fallbackPollMs);
    this.timer.unref();
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("notification", () => this.poll());
    client.on("error", (error) => {
      this.log.warn({ err: error }, "event listener connection failed");
      this.listening = false;
      this.scheduleReconnect();
    });
    client.on("end", () => {
      this.listening = false;
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.listener = client;
    this.listening = true;
    this.poll(); // anything committed while we were not listening
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connectListener().catch((error: unknown) => {
        this.log.warn({ err: error }, "event listener reconnect failed");
        this.scheduleReconnect();
      });
    }, 1000);
    this.reconnectTimer.unref();
  }

  subscribe(
    filter: (event: StoredEvent) => boolean,
    signal: AbortSignal,
  ): AsyncIterable<StoredEvent> {
    const subscriber: Subscriber = {
      filter,
      queue: new AsyncQueue(MAX_QUEUED_PER_SUBSCRIBER, signal),
    };
    this.subscribers.add(subscriber);
    metrics.liveSubscribers.inc();
    signal.addEventListener(
      "abort",
      () => {
        if (this.subscribers.delete(subscriber)) metrics.liveSubscribers.dec();
      },
      { once: true },
    );
    return subscriber.queue;
  }

  wake(): void {
    this.poll();
    this.notify();
  }

  /** Coalesced: however many commits happen meanwhile, at most one NOTIFY is in flight. */
  private notify(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    wakeEventReaders(this.db)
      .catch((error: unknown) => this.log.warn({ err: error }, "event notify failed"))
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain && !this.closed) {
          this.notifyAgain = false;
          this.notify();
        }
      });
  }

  private poll(): void {
    if (this.closed || !this.cursor) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.drain()
      .catch((error: unknown) => {
        // While the database is away the cursor stays put; the next wake-up or tick resumes from it.
        if (databaseUnavailability(error))
          this.log.warn(
            { err: error },
            "reading the events outbox failed: the database is unavailable",
          );
        else this.log.error({ err: error }, "reading the events outbox failed");
      })
      .finally(() => {
        this.polling = undefined;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.poll();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (!this.cursor) return;
      const events = await readEvents(this.db, this.cursor, { limit: PAGE });
      metrics.eventsFannedOut.inc(events.length);
      for (const event of events) {
        if (compareCursors(event.cursor, this.cursor) <= 0) continue;
        this.cursor = event.cursor;
        for (const subscriber of this.subscribers) {
          if (subscriber.filter(event)) subscriber.queue.push(event);
        }
      }
      if (events.length < PAGE) return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.reconnectTimer);
    for (const subscriber of this.subscribers) subscriber.queue.close();
    metrics.liveSubscribers.dec(this.subscribers.size);
    this.subscribers.clear();
    await this.polling;
    const listener = this.listener;
    this.listener = undefined;
    this.listening = false;
    await listener?.end().catch(() => undefined);
  }
}
