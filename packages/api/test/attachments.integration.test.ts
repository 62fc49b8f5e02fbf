import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalDiskStorage } from "@parley/storage";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS } from "../src/services/attachments-policy";
import { createAttachmentHttp } from "../src/services/attachments-http";
import { type AttachmentView } from "../src/services/attachments-view";
import { raiseRateLimits } from "../src/testing/rate-limits";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
let root = "";
let storage: LocalDiskStorage;
let http: ReturnType<typeof createAttachmentHttp>;
let png: Buffer;

type Account = Awaited<ReturnType<typeof app.register>>;
let alice: Account;
let bob: Account;
let mod: Account;
let discussionId = "";

const BASE = "http://parley.test";

function uploadRequest(body: Uint8Array | ReadableStream<Uint8Array>, opts: { token?: string | null; filename?: string; contentType?: string; headers?: Record<string, string> } = {}) {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  headers.set("content-type", opts.contentType ?? "application/octet-stream");
  const query = opts.filename === undefined ? "" : `?filename=${encodeURIComponent(opts.filename)}`;
  return new Request(`${BASE}/api/v1/attachments${query}`, { method: "POST", body: body instanceof ReadableStream ? body : new Uint8Array(body), headers, duplex: "half" } as RequestInit);
}

async function upload(token: string, bytes: Uint8Array, filename: string, contentType?: string): Promise<AttachmentView> {
  const res = await http.upload(uploadRequest(bytes, { token, filename, ...(contentType ? { contentType } : {}) }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as AttachmentView;
}

function get(id: string, token: string | null, variant: "original" | "preview" = "original") {
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  return http.download(new Request(`${BASE}/api/attachments/${id}`, { headers }), id, variant);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "parley-attachments-"));
  storage = new LocalDiskStorage(root);
  http = createAttachmentHttp({
    runtime: () => Promise.resolve({ db: app.db, env: { APP_SECRET_KEY: "attachments-test-secret-attachments-test" } }),
    storage: () => storage,
  });
  png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();
  alice = await app.register("Alice");
  bob = await app.register("Bob");
  mod = await app.register("Mod", "moderator");
  const discussion = await (await app.as(alice.id)).discussion.create({ title: "Files", body: "Share them here" });
  discussionId = discussion.id;
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("upload limits", () => {
  it("stores an image with its size and a preview that fits 800 px", async () => {
    const view = await upload(alice.token, png, "photo.png");
    expect(view).toMatchObject({ filename: "photo.png", contentType: "image/png", size: png.byteLength, width: 1200, height: 900 });
    expect(view.previewUrl).toBe(`/api/attachments/${view.id}/preview`);
    const preview = await get(view.id, alice.token, "preview");
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(Buffer.from(await preview.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 800, 600]);
  });

  it("refuses a body over the limit from its Content-Length, before reading it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await http.upload(
      uploadRequest(body, { token: alice.token, filename: "big.bin", headers: { "content-length": String(ATTACHMENT_LIMITS.maxBytes + 1) } }),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(/at most 10 MB/);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    const chunk = 256 * 1024;
    const chunksToLimit = ATTACHMENT_LIMITS.maxBytes / chunk;
    let pulled = 0;
    // An endless body with no Content-Length: only the running count can stop it.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(chunk).fill(65));
      },
    });
    const res = await http.upload(uploadRequest(body, { token: alice.token, filename: "endless.txt" }));
    expect(res.status).toBe(413);
    // The reader may have one chunk in flight beyond the one that crossed the limit.
    expect(pulled).toBeLessThanOrEqual(chunksToLimit + 3);
    expect(await app.db.attachment.count({ where: { filename: { startsWith: "endless" } } })).toBe(0);
  });

  it("accepts a file of exactly the limit", async () => {
    const bytes = new Uint8Array(ATTACHMENT_LIMITS.maxBytes).fill(0x61);
    const view = await upload(alice.token, bytes, "exact.txt");
    expect(view.size).toBe(ATTACHMENT_LIMITS.maxBytes);
  });

  it("allows at most 10 files on a message", async () => {
    const caller = await app.as(alice.id);
    const ids: string[] = [];
    for (let i = 0; i < ATTACHMENT_LIMITS.maxPerMessage + 1; i++) ids.push((await upload(alice.token, Buffer.from(`note ${i}\n`), `n${i}.txt`)).id);
    await expectTRPCError(caller.message.create({ discussionId, body: "Too many", attachmentIds: ids }), "BAD_REQUEST");
    const message = await caller.message.create({ discussionId, body: "Ten", attachmentIds: ids.slice(0, 10) });
    expect(message.attachments.map((a) => a.id)).toEqual(ids.slice(0, 10));
  });

  it("refuses anonymous, suspended and read-only callers", async () => {
    expect((await http.upload(uploadRequest(png, { filename: "a.png" }))).status).toBe(401);
    const caller = await app.as(bob.id);
    const readOnly = await caller.tokens.create({ name: "ro", scopes: ["read"] });
    expect((await http.upload(uploadRequest(png, { token: readOnly.token, filename: "a.png" }))).status).toBe(403);
    const carol = await app.register("Carol");
    await app.db.user.update({ where: { id: carol.id }, data: { status: "suspended", suspendedUntil: new Date(Date.now() + 3_600_000) } });
    const res = await http.upload(uploadRequest(png, { token: carol.token, filename: "a.png" }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/suspended/);
  });
});

describe("Idempotency-Key", () => {
  it("answers a retried upload with the first attachment, and refuses the key for other bytes", async () => {
    const send = (bytes: Uint8Array) =>
      http.upload(uploadRequest(bytes, { token: bob.token, filename: "retry.txt", headers: { "idempotency-key": "upload-1" } }));
    const first = await send(Buffer.from("retry me\n"));
    const again = await send(Buffer.from("retry me\n"));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as AttachmentView).id).toBe(((await first.json()) as AttachmentView).id);
    expect(await app.db.attachment.count({ where: { uploaderId: bob.id, filename: "retry.txt" } })).toBe(1);
    expect((await send(Buffer.from("other bytes\n"))).status).toBe(422);
  });
});

describe("types come from the content", () => {
  it("refuses an HTML page named .png sent as image/png", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    const res = await http.upload(uploadRequest(html, { token: alice.token, filename: "cat.png", contentType: "image/png" }));
    expect(res.status).toBe(415);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/HTML/);
  });

  it("refuses SVG, even with leading whitespace", async () => {
    const svg = Buffer.from('  \n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
    expect((await http.upload(uploadRequest(svg, { token: alice.token, filename: "logo.svg", contentType: "image/svg+xml" }))).status).toBe(415);
    const xmlSvg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect((await http.upload(uploadRequest(xmlSvg, { token: alice.token, filename: "logo.png" }))).status).toBe(415);
  });

  it("refuses types outside the allow-list (an ELF binary)", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    expect((await http.upload(uploadRequest(elf, { token: alice.token, filename: "notes.txt", contentType: "text/plain" }))).status).toBe(415);
  });

  it("detects a real PNG named .txt as a PNG, and names it so", async () => {
    const view = await upload(alice.token, png, "notes.txt", "text/plain");
    expect(view.contentType).toBe("image/png");
    expect(view.filename).toBe("notes.txt.png");
    expect(view.width).toBe(1200);
  });

  it("keeps plain text as text/plain and PDF as a PDF", async () => {
    expect((await upload(alice.token, Buffer.from("Hello <b>there</b>\nplain words\n"), "hello")).contentType).toBe("text/plain");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    expect((await upload(alice.token, pdf, "doc.pdf", "text/html")).contentType).toBe("application/pdf");
  });

  it("refuses an image that claims a PNG signature but cannot be decoded", async () => {
    const broken = Buffer.concat([png.subarray(0, 64), Buffer.alloc(64)]);
    expect((await http.upload(uploadRequest(broken, { token: alice.token, filename: "broken.png" }))).status).toBe(415);
  });
});

describe("attaching uploads to messages", () => {
  it("takes only the caller's own, unattached uploads", async () => {
    const bobs = await upload(bob.token, Buffer.from("bob's\n"), "bob.txt");
    const alices = await upload(alice.token, Buffer.from("alice's\n"), "alice.txt");
    const asAlice = await app.as(alice.id);
    await expectTRPCError(asAlice.message.create({ discussionId, body: "Stealing", attachmentIds: [bobs.id] }), "BAD_REQUEST");
    const first = await asAlice.message.create({ discussionId, body: "Mine", attachmentIds: [alices.id] });
    expect(first.attachments).toHaveLength(1);
    await expectTRPCError(asAlice.message.create({ discussionId, body: "Again", attachmentIds: [alices.id] }), "BAD_REQUEST");
  });

  it("an edit sets the files a message keeps; dropped ones become unattached", async () => {
    const asAlice = await app.as(alice.id);
    const a = await upload(alice.token, Buffer.from("a\n"), "a.txt");
    const b = await upload(alice.token, Buffer.from("b\n"), "b.txt");
    const message = await asAlice.message.create({ discussionId, body: "Two files", attachmentIds: [a.id] });
    const edited = await asAlice.message.edit({ id: message.id, body: "Two files", attachmentIds: [b.id] });
    expect(edited.attachments.map((x) => x.filename)).toEqual(["b.txt"]);
    expect((await app.db.attachment.findUniqueOrThrow({ where: { id: a.id } })).messageId).toBeNull();
    const listed = await asAlice.message.list({ discussionId });
    expect(listed.items.find((m) => m.id === message.id)?.attachments.map((x) => x.id)).toEqual([b.id]);
  });
});

describe("download authorization", () => {
  async function attachedTo(status: "published" | "held" | "deleted") {
    const view = await upload(alice.token, png, `${status}.png`);
    const asAlice = await app.as(alice.id);
    const message = await asAlice.message.create({ discussionId, body: `A ${status} message`, attachmentIds: [view.id] });
    if (status === "held") await app.db.message.update({ where: { id: message.id }, data: { status: "held" } });
    if (status === "deleted") await asAlice.message.delete({ id: message.id });
    return view;
  }

  it("published: anyone", async () => {
    const view = await attachedTo("published");
    for (const token of [null, bob.token, alice.token]) expect((await get(view.id, token)).status).toBe(200);
  });

  it("held: only the author and moderators; others get 404", async () => {
    const view = await attachedTo("held");
    expect((await get(view.id, null)).status).toBe(404);
    expect((await get(view.id, bob.token)).status).toBe(404);
    expect((await get(view.id, bob.token, "preview")).status).toBe(404);
    expect((await get(view.id, alice.token)).status).toBe(200);
    expect((await get(view.id, mod.token)).status).toBe(200);
  });

  it("deleted message: nobody, the author included", async () => {
    const view = await attachedTo("deleted");
    for (const token of [null, bob.token, alice.token, mod.token]) expect((await get(view.id, token)).status).toBe(404);
  });

  it("unattached: only the uploader", async () => {
    const view = await upload(alice.token, png, "draft.png");
    expect((await get(view.id, null)).status).toBe(404);
    expect((await get(view.id, bob.token)).status).toBe(404);
    expect((await get(view.id, mod.token)).status).toBe(404);
    expect((await get(view.id, alice.token)).status).toBe(200);
  });

  it("unknown and malformed ids: 404; a bad token: 401", async () => {
    expect((await get("0190a000-0000-7000-8000-000000000000", alice.token)).status).toBe(404);
    expect((await get("../../etc/passwd", alice.token)).status).toBe(404);
    expect((await get("0190a000-0000-7000-8000-000000000000", "not-a-token")).status).toBe(401);
  });
});

describe("safe headers", () => {
  it("a raster image is inline, everything else a download; always nosniff, sandboxed, private", async () => {
    const image = await upload(alice.token, png, "inline.png");
    const text = await upload(alice.token, Buffer.from("just text\n"), "readme.txt");
    const pdf = await upload(alice.token, Buffer.from("%PDF-1.4\n%%EOF\n"), "doc.pdf");
    const cases: [AttachmentView, string, RegExp][] = [
      [image, "image/png", /^inline; filename="inline.png"/],
      [text, "text/plain; charset=utf-8", /^attachment; filename="readme.txt"/],
      [pdf, "application/pdf", /^attachment; filename="doc.pdf"/],
    ];
    for (const [view, type, disposition] of cases) {
      const res = await get(view.id, alice.token);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("content-disposition")).toMatch(disposition);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
      expect(res.headers.get("cache-control")).toMatch(/^private/);
      expect(Number(res.headers.get("content-length"))).toBe(view.size);
    }
    const downloaded = await http.download(
      new Request(`${BASE}/api/attachments/${image.id}?download=1`, { headers: { authorization: `Bearer ${alice.token}` } }),
      image.id,
      "original",
    );
    expect(downloaded.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(png)).toBe(true);

    const etag = downloaded.headers.get("etag")!;
    const revalidated = await http.download(
      new Request(`${BASE}/api/attachments/${image.id}`, { headers: { authorization: `Bearer ${alice.token}`, "if-none-match": etag } }),
      image.id,
      "original",
    );
    expect(revalidated.status).toBe(304);
  });

  it("encodes names for Content-Disposition without letting them break the header", async () => {
    const view = await upload(alice.token, Buffer.from("x\n"), '../../évil"\r\nX-Injected: 1.txt');
    const res = await get(view.id, alice.token);
    expect(res.headers.get("x-injected")).toBeNull();
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="_vilX-Injected: 1.txt"; filename*=UTF-8''%C3%A9vilX-Injected%3A%201.txt`,
    );
  });
});

describe("rate limit", () => {
  it("refuses uploads past the account's burst with 429 and Retry-After, before reading the body", async () => {
    const dave = await app.register("Dave");
    const limits = { "attachment.upload": { account: [{ limit: 1, perSeconds: 3600, burst: 2 }], newAccount: [{ limit: 1, perSeconds: 3600, burst: 2 }] } };
    await app.db.siteSetting.update({ where: { key: "rateLimits" }, data: { value: limits } });
    try {
      expect((await http.upload(uploadRequest(Buffer.from("1\n"), { token: dave.token, filename: "1.txt" }))).status).toBe(200);
      expect((await http.upload(uploadRequest(Buffer.from("2\n"), { token: dave.token, filename: "2.txt" }))).status).toBe(200);
      const refused = await http.upload(uploadRequest(Buffer.from("3\n"), { token: dave.token, filename: "3.txt" }));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await app.db.attachment.count({ where: { uploaderId: dave.id } })).toBe(2);
    } finally {
      await raiseRateLimits(app.db);
    }
  });
});
