import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorage, LocalDiskStorage, readStorageEnv } from "../src";
import { storageContract } from "./contract";

let root = "";
let storage: LocalDiskStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "parley-storage-"));
  storage = new LocalDiskStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

storageContract("local disk", () => storage);

describe("local disk", () => {
  it("keeps files under its root, with no partial files left", async () => {
    await storage.put("x/y/z.bin", new Uint8Array([1, 2, 3]), { contentType: "application/octet-stream" });
    expect(await readdir(path.join(root, "x", "y"))).toEqual(["z.bin"]);
  });

  it("is the default driver, under the data folder", () => {
    const chosen = createStorage(readStorageEnv({}));
    expect(chosen.driver).toBe("local");
  });
});
