import { tracked, type TrackedEnvelope } from "@trpc/server";
import { type Database } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError } from "../errors";
import { eventForViewer } from "../moderation/visibility";
import { type EventBus } from "./bus";
import { compareCursors, type Cursor, decodeCursor, encodeCursor } from "./cursor";
import { readEvents, type StoredEvent } from "./outbox";
import { type OutboxEvent } from "./types";

const BACKLOG_PAGE = 500;

/**
 * The events matching `filter`, as tracked items: first what was missed since `lastEventId`
 * (read from the outbox), then live ones from the bus. The bus subscription opens before the
 * backlog is read and duplicates are skipped by cursor, so nothing falls in between. Each
 * event passes `eventForViewer` (moderation): held and rejected content reaches only its
 * author and moderators, on every live path.
 */
export async function* streamEvents<T extends OutboxEvent>(opts: {
  db: Database;
  bus: EventBus;
  /** Ends the stream; tRPC gives none to server-side callers, who then read until they stop. */
  signal?: AbortSignal | undefined;
  lastEventId: string | null | undefined;
  discussionId?: string;
  /** Who receives the events (null: anonymous). */
  viewer: Viewer | null;
  accept: (event: OutboxEvent) => event is T;
}): AsyncGenerator<TrackedEnvelope<T>> {
  const { db, bus, accept, discussionId, viewer } = opts;
  const signal = opts.signal ?? AbortSignal.timeout(2 ** 31 - 1);
  const matches = (stored: StoredEvent) =>
    (discussionId === undefined || stored.discussionId === discussionId) && accept(stored.event);
  const live = bus.subscribe(matches, signal);

  let last: Cursor | null = null;
  if (opts.lastEventId) {
    last = decodeCursor(opts.lastEventId);
    if (!last) throw new DomainError("INVALID", "Invalid lastEventId");
    for (;;) {
      const page = await readEvents(db, last, {
        limit: BACKLOG_PAGE,
        ...(discussionId ? { discussionId } : {}),
      });
      for (const stored of page) {
        last = stored.cursor;
        if (!matches(stored)) continue;
        const shown = eventForViewer(viewer, stored.event);
        if (shown) yield tracked(encodeCursor(stored.cursor), shown as T);
      }
      if (page.length < BACKLOG_PAGE || signal.aborted) break;
    }
  }

  for await (const stored of live) {
    if (last && compareCursors(stored.cursor, last) <= 0) continue;
    last = stored.cursor;
    const shown = eventForViewer(viewer, stored.event);
    if (shown) yield tracked(encodeCursor(stored.cursor), shown as T);
  }
}
