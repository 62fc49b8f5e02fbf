import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { LocalDiskStorage, type ObjectStorage } from "@parley/storage";
import { addJobAdhoc, runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPruneUploadsTask } from "../src/tasks/prune-uploads";

let testDb: TestDatabase;
let root = "";
let storage: LocalDiskStorage;
let userId = "";
let messageId = "";
// One pool we end ourselves before the database is dropped, so no worker connection outlives it.
let pool: pg.Pool;

beforeAll(async () => {
  testDb = await createTestDatabase();
  pool = new pg.Pool({ connectionString: testDb.url });
  root = await mkdtemp(path.join(tmpdir(), "parley-prune-"));
  storage = new LocalDiskStorage(root);
  const user = await testDb.db.user.create({ data: { email: "u@example.test", handle: "u", displayName: "U" } });
  userId = user.id;
  const discussion = await testDb.db.discussion.create({ data: { title: "T", createdById: user.id } });
  messageId = (await testDb.db.message.create({ data: { discussionId: discussion.id, authorId: user.id, body: "m" } })).id;
});
afterAll(async () => {
  await pool.end();
  await testDb.drop();
  await rm(root, { recursive: true, force: true });
});

async function upload(name: string, hoursAgo: number, onMessage: boolean, withPreview = false) {
  const storageKey = `attachments/${name}`;
  const previewKey = withPreview ? `previews/${name}.webp` : null;
  await storage.put(storageKey, new TextEncoder().encode(name), { contentType: "text/plain" });
  if (previewKey) await storage.put(previewKey, new Uint8Array([1]), { contentType: "image/webp" });
  await testDb.db.attachment.create({
    data: {
      uploaderId: userId,
      messageId: onMessage ? messageId : null,
      filename: name,
      contentType: "text/plain",
      size: name.length,
      sha256: "0".repeat(64),
      storageKey,
      previewKey,
      createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
    },
  });
  return { storageKey, previewKey };
}

const taskList = (s: ObjectStorage) => ({ prune_uploads: createPruneUploadsTask(() => s) });

describe("prune_uploads", () => {
  it("deletes uploads unattached for over 24 hours, from storage and the database, through the real worker", async () => {
    const orphan = await upload("orphan", 30, false, true);
    const fresh = await upload("fresh", 2, false);
    const used = await upload("used", 30, true);
    await addJobAdhoc({ pgPool: pool }, "prune_uploads", { olderThanHours: 24 });
    await runOnce({ pgPool: pool, taskList: taskList(storage) });

    const left = await testDb.db.attachment.findMany({ select: { filename: true }, orderBy: { filename: "asc" } });
    expect(left.map((a) => a.filename)).toEqual(["fresh", "used"]);
    expect(await storage.exists(orphan.storageKey)).toBe(false);
    expect(await storage.exists(orphan.previewKey!)).toBe(false);
    expect(await storage.exists(fresh.storageKey)).toBe(true);
    expect(await storage.exists(used.storageKey)).toBe(true);
  });

  it("keeps the rows when storage fails, so the retry deletes both", async () => {
    await upload("stuck", 48, false);
    const failing: ObjectStorage = {
      driver: "local",
      put: (key, body, options) => storage.put(key, body, options),
      get: (key) => storage.get(key),
      exists: (key) => storage.exists(key),
      delete: () => Promise.reject(new Error("storage down")),
    };
    await addJobAdhoc({ pgPool: pool }, "prune_uploads", {}, { maxAttempts: 1 });
    await runOnce({ pgPool: pool, taskList: taskList(failing) });
    expect(await testDb.db.attachment.count({ where: { filename: "stuck" } })).toBe(1);

    await addJobAdhoc({ pgPool: pool }, "prune_uploads", {});
    await runOnce({ pgPool: pool, taskList: taskList(storage) });
    expect(await testDb.db.attachment.count({ where: { filename: "stuck" } })).toBe(0);
    expect(await storage.exists("attachments/stuck")).toBe(false);
  });
});
