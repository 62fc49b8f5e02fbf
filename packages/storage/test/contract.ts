import { describe, expect, it } from "vitest";
import { type ObjectStorage } from "../src";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The behaviour every driver must have; each driver's test file runs it against a real backend. */
export function storageContract(name: string, storage: () => ObjectStorage) {
  describe(`${name}: storage contract`, () => {
    it("stores bytes and streams them back with their size", async () => {
      const body = new Uint8Array(300_000).map((_, i) => i % 251);
      await storage().put("contract/a/blob.bin", body, { contentType: "application/octet-stream" });
      const object = await storage().get("contract/a/blob.bin");
      expect(object?.size).toBe(300_000);
      expect((await readAll(object!.body)).equals(Buffer.from(body))).toBe(true);
    });

    it("streams straight into a fetch Response (how downloads are served)", async () => {
      const body = new TextEncoder().encode("served as a response body\n".repeat(1000));
      await storage().put("contract/response.txt", body, { contentType: "text/plain" });
      const object = await storage().get("contract/response.txt");
      const response = new Response(object!.body, { headers: { "content-length": String(object!.size) } });
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(body))).toBe(true);
    });

    it("overwrites an existing key", async () => {
      await storage().put("contract/overwrite.txt", new TextEncoder().encode("first"), { contentType: "text/plain" });
      await storage().put("contract/overwrite.txt", new TextEncoder().encode("second"), { contentType: "text/plain" });
      const object = await storage().get("contract/overwrite.txt");
      expect((await readAll(object!.body)).toString()).toBe("second");
    });

    it("reports existence and deletes, idempotently", async () => {
      await storage().put("contract/gone.txt", new TextEncoder().encode("x"), { contentType: "text/plain" });
      expect(await storage().exists("contract/gone.txt")).toBe(true);
      await storage().delete("contract/gone.txt");
      expect(await storage().exists("contract/gone.txt")).toBe(false);
      expect(await storage().get("contract/gone.txt")).toBeNull();
      await expect(storage().delete("contract/gone.txt")).resolves.toBeUndefined();
    });

    it("answers null for a key that never existed", async () => {
      expect(await storage().get("contract/never")).toBeNull();
      expect(await storage().exists("contract/never")).toBe(false);
    });

    it("refuses keys that could escape their place", async () => {
      for (const key of ["../etc/passwd", "/abs", "a/../../b", "a\\b", "", "a//b", "a/./b"]) {
        await expect(storage().put(key, new Uint8Array(1), { contentType: "text/plain" }), key).rejects.toThrow(/Invalid storage key/);
      }
    });
  });
}
