import { randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE, startDiscussion, waitForLive } from "./helpers";

test.use({ storageState: ADMIN_STATE });

/** A real PNG (a colour gradient), made here so the test needs no fixture file. */
function gradientPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([Math.round((255 * x) / width), Math.round((255 * y) / height), 160], row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

const uniqueWord = () =>
  randomUUID()
    .replace(/-/g, "")
    .slice(0, 10)
    .replace(/[0-9]/g, (digit) => "ghijklmnop"[Number(digit)] ?? "q");

test("upload an image into a new message, see it inline, and find the message by search", async ({ page }) => {
  const word = uniqueWord();
  await startDiscussion(page, `Photos ${word}`, "Post the pictures from the offsite here.");
  await waitForLive(page);

  const composer = page.getByRole("form", { name: "Write a reply" });
  await composer.getByTestId("attachment-input").setInputFiles({ name: "offsite.png", mimeType: "image/png", buffer: gradientPng(1200, 600) });
  const chip = composer.getByTestId("upload-chip");
  await expect(chip).toHaveAttribute("data-state", "done");
  await expect(chip).toContainText("offsite.png");

  // A file whose content is HTML is refused whatever its name says, with the reason on its row.
  await composer.getByTestId("attachment-input").setInputFiles({ name: "trick.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  const refused = composer.locator('[data-testid="upload-chip"][data-state="failed"]');
  await expect(refused.getByRole("alert")).toHaveText(/HTML, SVG and XML files are not accepted/);
  await refused.getByRole("button", { name: "Remove trick.png" }).click();
  await expect(composer.getByTestId("upload-chip")).toHaveCount(1);

  // Files dropped on the composer and pasted into it are added too (and can be removed before sending).
  const form = await composer.elementHandle();
  await page.evaluate((target) => {
    const files = (name: string) => {
      const data = new DataTransfer();
      data.items.add(new File([`notes from ${name}\n`], name, { type: "text/plain" }));
      return data;
    };
    target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: files("dropped.txt") }));
    target.querySelector("textarea")?.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: files("pasted.txt") }));
  }, form);
  for (const name of ["dropped.txt", "pasted.txt"]) {
    const added = composer.getByTestId("upload-chip").filter({ hasText: name });
    await expect(added).toHaveAttribute("data-state", "done");
    await added.getByRole("button", { name: `Remove ${name}` }).click();
  }
  await expect(composer.getByTestId("upload-chip")).toHaveCount(1);

  const body = `The whiteboard from the ${word} session, photographed.`;
  await composer.getByRole("textbox", { name: "Write a reply" }).fill(body);
  await composer.getByRole("button", { name: "Post", exact: true }).click();
  const posted = page.getByTestId("message").filter({ hasText: body }).last();
  const image = posted.getByTestId("attachment-image");
  await expect(image).toBeVisible();
  // The preview really loaded (a broken image has no natural width), resized to 800 px wide.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
  await expect(composer.getByTestId("upload-chip")).toHaveCount(0);

  // Clicking opens the full file, served inline as the PNG it is, with the safe headers.
  const href = await image.locator("xpath=ancestor::a[1]").getAttribute("href");
  const full = await page.request.get(href ?? "/missing");
  expect(full.status()).toBe(200);
  expect(full.headers()["content-type"]).toBe("image/png");
  expect(full.headers()["x-content-type-options"]).toBe("nosniff");
  expect(full.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'");

  const messageId = await posted.getAttribute("data-message-id");
  await page.goto(`/search?q=${encodeURIComponent(`${word} whiteboard`)}`);
  const hit = page.locator(`[data-testid="search-result"][data-result-id="${messageId ?? "missing"}"]`);
  await expect(hit).toBeVisible();
  await expect(hit.getByTestId("search-result-snippet").locator("mark").first()).toBeVisible();
});
