import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@parley/db";
import { DomainError } from "../src/errors";
import {
  queryWithTimeout,
  search,
  windowQuery,
  type SearchHit,
  type SearchState,
} from "../src/services/search";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();

type Caller = Awaited<ReturnType<typeof app.as>>;
let anonymous: Caller;
let grace: Caller;
let alan: Caller;
let graceHandle: string;
let alanHandle: string;

beforeAll(async () => {
  await app.register("Admin", "admin");
  const g = await app.register("Grace");
  const a = await app.register("Alan");
  anonymous = await app.as(null);
  grace = await app.as(g.id);
  alan = await app.as(a.id);
  graceHandle = (await app.db.user.findUniqueOrThrow({ where: { id: g.id } })).handle;
  alanHandle = (await app.db.user.findUniqueOrThrow({ where: { id: a.id } })).handle;
});

/** Each test uses its own made-up words, so the tests never see each other's rows. */
const text = (hits: SearchHit[]) => hits.map((h) => h.snippet.map((s) => s.text).join(""));
const highlighted = (hit: SearchHit | undefined) =>
  (hit?.snippet ?? []).filter((s) => s.highlighted).map((s) => s.text);

describe("search.query", () => {
  it("ranks a title match above body matches, and more relevant bodies above less", async () => {
    const inTitle = await grace.discussion.create({
      title: "Zephyrine rollout plan",
      body: "Dates for the next release.",
    });
    const other = await alan.discussion.create({
      title: "Unrelated thread",
      body: "Nothing to see here.",
    });
    const once = await alan.message.create({
      discussionId: other.id,
      body: "We tried zephyrine once on staging and it held.",
    });
    const thrice = await alan.message.create({
      discussionId: other.id,
      body: "Zephyrine here, zephyrine there: zephyrine keeps coming up in the logs.",
    });
    const { items } = await anonymous.search.query({ q: "zephyrine" });
    expect(items.map((h) => [h.kind, h.id])).toEqual([
      ["discussion", inTitle.id],
      ["message", thrice.id],
      ["message", once.id],
    ]);
    expect(items[0]?.discussion.titleSegments).toEqual([
      { text: "Zephyrine", highlighted: true },
      { text: " rollout plan", highlighted: false },
    ]);
    // A title hit shows its opening message as the snippet.
    expect(text(items)[0]).toBe("Dates for the next release.");
    expect(items[0]?.author.handle).toBe(graceHandle);
    expect(items[1]?.discussion).toMatchObject({
      id: other.id,
      title: "Unrelated thread",
      status: "open",
    });
  });

  it("breaks ties by recency", async () => {
    const d = await grace.discussion.create({ title: "Ties", body: "start" });
    const older = await grace.message.create({ discussionId: d.id, body: "quillworth appears" });
    const newer = await grace.message.create({ discussionId: d.id, body: "quillworth appears" });
    const { items } = await anonymous.search.query({ q: "quillworth" });
    expect(items.map((h) => h.id)).toEqual([newer.id, older.id]);
  });

  it("matches phrases, exclusions and alternatives (web-search syntax)", async () => {
    const d = await grace.discussion.create({ title: "Syntax", body: "start" });
    const phrase = await grace.message.create({
      discussionId: d.id,
      body: "the marmalade protocol failed at noon",
    });
    const reversed = await grace.message.create({
      discussionId: d.id,
      body: "protocol of marmalade, reversed",
    });
    const excluded = await grace.message.create({
      discussionId: d.id,
      body: "marmalade and toast",
    });
    const alternative = await grace.message.create({
      discussionId: d.id,
      body: "only vegemite here",
    });

    const ids = async (q: string) =>
      (await anonymous.search.query({ q })).items.map((h) => h.id).sort();
    expect(await ids('"marmalade protocol"')).toEqual([phrase.id]);
    expect(await ids("marmalade protocol")).toEqual([phrase.id, reversed.id].sort());
    expect(await ids("marmalade -toast")).toEqual([phrase.id, reversed.id].sort());
    expect(await ids("toast or vegemite")).toEqual([excluded.id, alternative.id].sort());
    // Stemming: "protocols" finds "protocol".
    expect(await ids('"marmalade protocols"')).toEqual([phrase.id]);
  });

  it("highlights with plain segments, never HTML, and a body cannot forge a highlight", async () => {
    const d = await grace.discussion.create({ title: "Safe snippets", body: "start" });
    const forged = "\u0002fake\u0003";
    const message = await grace.message.create({
      discussionId: d.id,
      body: `Before <img src=x onerror=alert(1)> the brambleton ${forged} after`,
    });
    const { items } = await anonymous.search.query({ q: "brambleton" });
    expect(items.map((h) => h.id)).toEqual([message.id]);
    expect(highlighted(items[0])).toEqual(["brambleton"]);
    const joined = text(items)[0] ?? "";
    expect(joined).toContain("fake");
    expect(joined.includes("\u0002") || joined.includes("\u0003")).toBe(false);
    expect(items[0]?.snippet.every((s) => !s.text.includes("<mark>"))).toBe(true);
  });

  it("never shows deleted, held or rejected messages, not even in a title hit's snippet", async () => {
    const d = await grace.discussion.create({ title: "Visibility", body: "start" });
    const visible = await grace.message.create({
      discussionId: d.id,
      body: "glimmerfen is public",
    });
    const deleted = await grace.message.create({
      discussionId: d.id,
      body: "glimmerfen deleted secret",
    });
    const held = await grace.message.create({ discussionId: d.id, body: "glimmerfen held secret" });
    const rejected = await grace.message.create({
      discussionId: d.id,
      body: "glimmerfen rejected secret",
    });
    await grace.message.delete({ id: deleted.id });
    await app.db.message.update({
      where: { id: held.id },
      data: { status: "held", statusReason: "review" },
    });
    await app.db.message.update({
      where: { id: rejected.id },
      data: { status: "rejected", statusReason: "spam" },
    });

    for (const caller of [anonymous, grace]) {
      const { items } = await caller.search.query({ q: "glimmerfen" });
      expect(items.map((h) => h.id)).toEqual([visible.id]);
      expect((await caller.search.query({ q: "secret" })).items).toEqual([]);
    }

    // A discussion whose opening message is held is found by nobody, by its title or its body.
    const heldThread = await grace.discussion.create({
      title: "Thistlewick launch",
      body: "thistlewick body",
    });
    const opening = await app.db.message.findFirstOrThrow({
      where: { discussionId: heldThread.id },
    });
    await app.db.message.update({ where: { id: opening.id }, data: { status: "held" } });
    expect((await anonymous.search.query({ q: "thistlewick" })).items).toEqual([]);

    // A title hit whose opening message was deleted shows no snippet of it.
    const deletedOpening = await grace.discussion.create({
      title: "Wolfsbane notes",
      body: "wolfsbane private words",
    });
    const first = await app.db.message.findFirstOrThrow({
      where: { discussionId: deletedOpening.id },
    });
    await grace.message.delete({ id: first.id });
    const { items } = await anonymous.search.query({ q: "wolfsbane" });
    expect(items.map((h) => [h.kind, h.id])).toEqual([["discussion", deletedOpening.id]]);
    expect(items[0]?.snippet).toEqual([]);
  });

  it("filters by label, author, status and date range", async () => {
    const label = await (
      await app.as((await app.db.user.findFirstOrThrow({ where: { role: "admin" } })).id)
    ).label.save({
      name: "search-filter",
    });
    const labelled = await grace.discussion.create({
      title: "Labelled",
      body: "fernwhistle by grace",
    });
    await app.db.discussionLabel.create({ data: { discussionId: labelled.id, labelId: label.id } });
    const closed = await alan.discussion.create({
      title: "Closed one",
      body: "fernwhistle by alan",
    });
    await alan.discussion.update({ id: closed.id, status: "closed" });
    const labelledBody = (
      await app.db.message.findFirstOrThrow({ where: { discussionId: labelled.id } })
    ).id;
    const closedBody = (
      await app.db.message.findFirstOrThrow({ where: { discussionId: closed.id } })
    ).id;
    const old = await alan.message.create({
      discussionId: labelled.id,
      body: "fernwhistle from long ago",
    });
    await app.db.message.update({
      where: { id: old.id },
      data: { createdAt: new Date("2020-03-15T12:00:00Z") },
    });

    const found = async (input: Parameters<Caller["search"]["query"]>[0]) =>
      (await anonymous.search.query(input)).items.map((h) => h.id).sort();
    const sorted = (...ids: string[]) => ids.sort();
    expect(await found({ q: "fernwhistle" })).toEqual(sorted(labelledBody, closedBody, old.id));
    expect(await found({ q: "fernwhistle", labelId: label.id })).toEqual(
      sorted(labelledBody, old.id),
    );
    expect(await found({ q: "fernwhistle", author: alanHandle })).toEqual(
      sorted(closedBody, old.id),
    );
    expect(await found({ q: "fernwhistle", author: `@${graceHandle}` })).toEqual([labelledBody]);
    expect(await found({ q: "fernwhistle", author: "nobody-by-that-name" })).toEqual([]);
    expect(await found({ q: "fernwhistle", status: "closed" })).toEqual([closedBody]);
    expect(await found({ q: "fernwhistle", status: "open", author: alanHandle })).toEqual([old.id]);
    expect(await found({ q: "fernwhistle", from: "2020-03-15", to: "2020-03-15" })).toEqual([
      old.id,
    ]);
    expect(await found({ q: "fernwhistle", to: "2020-03-14" })).toEqual([]);
    expect(await found({ q: "fernwhistle", from: "2020-03-16" })).toEqual(
      sorted(labelledBody, closedBody),
    );
    // Filters apply to title hits too: the title's discussion, its starter, its start date.
    expect(await found({ q: "labelled", labelId: label.id, author: graceHandle })).toEqual([
      labelled.id,
    ]);
    expect(await found({ q: "labelled", author: alanHandle })).toEqual([]);
    await expectTRPCError(
      anonymous.search.query({ q: "fernwhistle", from: "2020-03-16", to: "2020-03-15" }),
      "BAD_REQUEST",
    );
  });

  it("paginates with a stable cursor that belongs to its search", async () => {
    const d = await grace.discussion.create({ title: "Pages", body: "start" });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const repeats = Array.from({ length: (i % 3) + 1 }, () => "larkspurrow").join(" ");
      ids.push(
        (await grace.message.create({ discussionId: d.id, body: `${repeats} number ${i}` })).id,
      );
    }
    const all = (await anonymous.search.query({ q: "larkspurrow", limit: 50 })).items.map(
      (h) => h.id,
    );
    expect([...all].sort()).toEqual([...ids].sort());

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: SearchHit[]; nextCursor: string | null } = await anonymous.search.query({
        q: "larkspurrow",
        limit: 3,
        cursor,
      });
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
      pages++;
      // A message posted mid-way ranks first and does not shift the pages still to come.
      if (pages === 1)
        await grace.message.create({
          discussionId: d.id,
          body: "larkspurrow larkspurrow larkspurrow larkspurrow",
        });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);

    const first = await anonymous.search.query({ q: "larkspurrow", limit: 2 });
    await expectTRPCError(
      anonymous.search.query({ q: "other words", cursor: first.nextCursor }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      anonymous.search.query({ q: "larkspurrow", cursor: "not-a-cursor" }),
      "BAD_REQUEST",
    );
  });

  it("validates the query: trimmed, 1 to 200 characters; stop words alone find nothing", async () => {
    await expectTRPCError(anonymous.search.query({ q: "   " }), "BAD_REQUEST");
    await expectTRPCError(anonymous.search.query({ q: "x".repeat(201) }), "BAD_REQUEST");
    await expectTRPCError(anonymous.search.query({ q: "ok", author: "<script>" }), "BAD_REQUEST");
    expect(await anonymous.search.query({ q: "the and of" })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await anonymous.search.query({ q: "-larkspurrow" })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await anonymous.search.query({ q: `  "  ` })).toEqual({ items: [], nextCursor: null });
    expect((await anonymous.search.query({ q: "  zephyrine  " })).items.length).toBeGreaterThan(0);
  });

  it("ranks the newest matches in windows, and pages through them without repeats or hidden messages", async () => {
    const d = await grace.discussion.create({ title: "Kestrelmoor windows", body: "start" });
    const post = async (body: string) =>
      (await grace.message.create({ discussionId: d.id, body })).id;
    // Oldest first; equally long bodies, so more occurrences rank higher.
    const m1 = await post("kestrelmoor kestrelmoor kestrelmoor");
    const m2 = await post("kestrelmoor plain words");
    const m3 = await post("kestrelmoor kestrelmoor words");
    const held = await post("kestrelmoor kestrelmoor kestrelmoor");
    const m4 = await post("kestrelmoor plain words");
    const deleted = await post("kestrelmoor kestrelmoor kestrelmoor");
    const m5 = await post("kestrelmoor kestrelmoor words");
    await app.db.message.update({ where: { id: held }, data: { status: "held" } });
    await grace.message.delete({ id: deleted });

    // Fewer matches than a window: ranked exactly, the title first.
    const exact = await anonymous.search.query({ q: "kestrelmoor" });
    expect(exact.items.map((h) => h.id)).toEqual([d.id, m1, m5, m3, m4, m2]);

    // Windows of 3: the newest 3 visible matches ranked, then the next 3 (hidden ones take no place).
    const input = { q: "kestrelmoor", limit: 2 };
    const windowed = await search(app.db, { ...input, limit: 50 }, { rankWindow: 3 });
    expect(windowed.items.map((h) => h.id)).toEqual([d.id, m5, m3, m4, m1, m2]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await search(app.db, { ...input, cursor }, { rankWindow: 3 });
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
      // A newer, better match posted mid-way stays out of the pages still to come.
      if (pages === 1) await post("kestrelmoor kestrelmoor kestrelmoor");
    } while (cursor);
    expect(seen).toEqual([d.id, m5, m3, m4, m1, m2]);
    expect(pages).toBe(3);
  });

  it("shows every title window before the first message, also when a page spans windows", async () => {
    const titles: string[] = [];
    for (let i = 1; i <= 4; i++)
      titles.push(
        (await grace.discussion.create({ title: `Quoxmire topic ${i}`, body: "start" })).id,
      );
    const [t1, t2, t3, t4] = titles;
    const d = titles[0] ?? "";
    const older = (await grace.message.create({ discussionId: d, body: "quoxmire in a body" })).id;
    const newer = (await grace.message.create({ discussionId: d, body: "quoxmire in a body" })).id;
    const expected = [t4, t3, t2, t1, newer, older];
    const q = "quoxmire";
    // Equal scores: newest first. Windows of 3: three titles, then one, then the messages.
    expect(
      (await search(app.db, { q, limit: 50 }, { rankWindow: 3 })).items.map((h) => h.id),
    ).toEqual(expected);
    for (const limit of [2, 5]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search(app.db, { q, limit, cursor }, { rankWindow: 3 });
        seen.push(...page.items.map((h) => h.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it("finds a window by the GIN index or newest first by the (created_at, id) index, bounded by the cursor", async () => {
    const author = await app.db.user.findUniqueOrThrow({ where: { handle: alanHandle } });
    const filter = { q: "zephyrine", authorId: null, from: null, until: null };
    const top = { createdAt: new Date(), id: author.id, inclusive: true };
    // Planner statistics on tiny tables favour sequential scans; each case turns off the other ways.
    const plan = async (state: SearchState, settings: string[]) =>
      app.db.$transaction(async (tx) => {
        for (const setting of settings) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
        const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(
          Prisma.sql`EXPLAIN ${windowQuery(filter, state, 21, 100)}`,
        );
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      });
    for (const phase of ["message", "discussion"] as const) {
      const table = phase === "message" ? "messages" : "discussions";
      // Rare words: every match from the GIN index.
      expect(
        await plan({ phase, top: null, after: null }, ["enable_seqscan", "enable_indexscan"]),
      ).toContain(`Bitmap Index Scan on ${table}_search_vector_idx`);
      // Common words: newest first, and the cursor's window is a bound of the index scan, not a filter.
      const newest = await plan({ phase, top, after: null }, [
        "enable_seqscan",
        "enable_bitmapscan",
        "enable_sort",
      ]);
      expect(newest).toContain(`Index Scan Backward using ${table}_created_at_id_idx on ${table}`);
      expect(newest).toContain("Index Cond: (ROW(created_at, id) <= ROW(");
    }
  });

  it("stops a search that runs past its time with a hint to narrow it", async () => {
    // pg_sleep stands in for ranking a word found in most of a large database.
    const error = await queryWithTimeout(app.db, 50, Prisma.sql`SELECT pg_sleep(5)`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("Add a word") as unknown,
    });
  });

  it("is open to anonymous callers and reads the same for everyone", async () => {
    const viaAlan = await alan.search.query({ q: "zephyrine" });
    const viaAnonymous = await anonymous.search.query({ q: "zephyrine" });
    expect(viaAlan).toEqual(viaAnonymous);
  });
});
