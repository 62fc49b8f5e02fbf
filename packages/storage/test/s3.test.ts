import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorage, readStorageEnv, S3Storage } from "../src";
import { storageContract } from "./contract";

// A real S3 protocol server (s3rver) on loopback; the SDK talks to it exactly as to S3.
let directory = "";
let server: S3rver;
let storage: S3Storage;
let endpoint = "";

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "parley-s3rver-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: "parley-test" }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  storage = new S3Storage({
    bucket: "parley-test",
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    prefix: "uploads",
    // s3rver accepts its documented default key pair.
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
});
afterAll(async () => {
  storage.destroy();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

storageContract("S3 (s3rver)", () => storage);

describe("S3 driver from settings", () => {
  it("is chosen by STORAGE_DRIVER=s3 and reaches the configured bucket", async () => {
    const chosen = createStorage(
      readStorageEnv({
        STORAGE_DRIVER: "s3",
        S3_BUCKET: "parley-test",
        S3_ENDPOINT: endpoint,
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        S3_PREFIX: "uploads",
      }),
    );
    expect(chosen.driver).toBe("s3");
    await storage.put("from-env/check.txt", new TextEncoder().encode("hello"), { contentType: "text/plain" });
    expect(await chosen.exists("from-env/check.txt")).toBe(true);
  });

  it("refuses STORAGE_DRIVER=s3 without a bucket, naming the variable", () => {
    expect(() => readStorageEnv({ STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET/);
  });
});
