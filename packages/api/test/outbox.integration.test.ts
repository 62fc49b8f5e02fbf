import pg from "pg";
import { describe, expect, it } from "vitest";
import { type Cursor, encodeCursor } from "../src/events/cursor";
import { currentHorizon, readEvents } from "../src/events/outbox";
import { useTestApp } from "./harness";

const app = useTestApp();

async function insertEvent(client: pg.Client, label: string) {
  await client.query(
    `INSERT INTO events (topic, payload) VALUES ('test', jsonb_build_object('label', $1::text))`,
    [label],
  );
}

describe("the events outbox", () => {
  it("never lets a reader skip a transaction that started first and commits last", async () => {
    const early = new pg.Client({ connectionString: app.url });
    const late = new pg.Client({ connectionString: app.url });
    await early.connect();
    await late.connect();
    try {
      let cursor: Cursor = await currentHorizon(app.db);
      await early.query("BEGIN");
      await insertEvent(early, "early"); // takes the lower id and the older transaction id
      await late.query("BEGIN");
      await insertEvent(late, "late");
      await late.query("COMMIT");

      // "late" is committed, but an older transaction is still open: a reader must wait,
      // or it would move its cursor past the row "early" is about to commit.
      const whileOpen = await readEvents(app.db, cursor);
      expect(whileOpen).toEqual([]);

      await early.query("COMMIT");
      const seen: string[] = [];
      for (const e of await readEvents(app.db, cursor)) {
        seen.push((e.event as unknown as { label: string }).label);
        cursor = e.cursor;
      }
      expect(seen).toEqual(["early", "late"]);
      expect(await readEvents(app.db, cursor)).toEqual([]);
      expect(encodeCursor(cursor)).toMatch(/^\d+-\d+$/);
    } finally {
      await early.end();
      await late.end();
    }
  });

  it("writes an event in the same transaction as the change, and none when it rolls back", async () => {
    const author = await app.register("Writer");
    const caller = await app.as(author.id);
    const before = await currentHorizon(app.db);
    const d = await caller.discussion.create({ title: "Evented", body: "hello" });
    const topics = (await readEvents(app.db, before, { discussionId: d.id })).map((e) => e.event.type);
    expect(topics).toEqual(["discussion.created", "message.created"]);

    const closedBefore = await currentHorizon(app.db);
    await caller.discussion.update({ id: d.id, status: "closed" });
    await expect(caller.message.create({ discussionId: d.id, body: "refused" })).rejects.toThrow();
    const after = (await readEvents(app.db, closedBefore, { discussionId: d.id })).map((e) => e.event.type);
    expect(after).toEqual(["discussion.updated"]);
  });
});
