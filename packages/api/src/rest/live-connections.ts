import { randomUUID } from "node:crypto";
import { type Database } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { logger } from "../logger";

/** Open rows are touched this often; a row not touched for STALE_AFTER_MS is a dead process's. */
export const LIVE_HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 3 * LIVE_HEARTBEAT_MS;

/** This process, as the live_connections rows it owns name it. */
const INSTANCE_ID = randomUUID();

export type LiveSlot =
  | { ok: true; release(): Promise<void> }
  | { ok: false; open: number; retryAfterSeconds: number };

/** Who a connection counts against: the API token, else the signed-in account; anonymous callers are not counted. */
export function liveSubject(viewer: Viewer | null): string | null {
  if (!viewer) return null;
  return viewer.tokenId ? `token:${viewer.tokenId}` : `account:${viewer.id}`;
}

/**
 * Live connections (SSE streams and WebSockets) per token or account, counted in PostgreSQL so
 * that the cap holds across every web instance. A row is inserted when a connection opens,
 * touched every 20 s while it lives, and deleted when it closes; rows of a process that died
 * stop counting once they are a minute old.
 */
export class LiveConnections {
  private readonly open = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database) {}

  async acquire(subject: string, max: number): Promise<LiveSlot> {
    const result = await this.db.$transaction(async (tx) => {
      // One opener per subject at a time, on every instance: the count cannot be raced past the cap.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"live:" + subject}))`;
      const staleBefore = new Date(Date.now() - STALE_AFTER_MS);
      await tx.liveConnection.deleteMany({ where: { subject, lastSeenAt: { lt: staleBefore } } });
      const open = await tx.liveConnection.count({ where: { subject } });
      if (open >= max) return { ok: false as const, open };
      const row = await tx.liveConnection.create({
        data: { subject, instanceId: INSTANCE_ID },
        select: { id: true },
      });
      return { ok: true as const, id: row.id };
    });
    if (!result.ok) return { ok: false, open: result.open, retryAfterSeconds: 5 };
    const id = result.id;
    this.open.add(id);
    this.startHeartbeat();
    let released = false;
    return {
      ok: true,
      release: async () => {
        if (released) return;
        released = true;
        this.open.delete(id);
        if (this.open.size === 0) this.stopHeartbeat();
        await this.db.liveConnection.deleteMany({ where: { id } }).catch((error: unknown) => {
          // The row goes stale and stops counting within a minute.
          logger.warn({ err: error }, "could not delete a live connection row");
        });
      },
    };
  }

  private startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.heartbeat(), LIVE_HEARTBEAT_MS);
    this.timer.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async heartbeat(): Promise<void> {
    if (this.open.size === 0) return;
    await this.db.liveConnection
      .updateMany({ where: { id: { in: [...this.open] } }, data: { lastSeenAt: new Date() } })
      .catch((error: unknown) => logger.warn({ err: error }, "live connection heartbeat failed"));
  }
}

const registries = new WeakMap<Database, LiveConnections>();

/** The process's registry for this database (one heartbeat timer however many connections). */
export function liveConnections(db: Database): LiveConnections {
  let registry = registries.get(db);
  if (!registry) registries.set(db, (registry = new LiveConnections(db)));
  return registry;
}

export const DEFAULT_MAX_LIVE_CONNECTIONS = 10;
