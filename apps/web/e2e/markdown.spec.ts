import { xssPayloads } from "@parley/markdown/testing";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { ADMIN_STATE, newUser, signUp, startDiscussion, waitForLive } from "./helpers";

test.use({ storageState: ADMIN_STATE });

/** What in `scope` could run code: script-capable elements, handler attributes, script URLs. */
async function executableVectors(scope: Locator): Promise<string[]> {
  return scope.evaluateAll((roots) => {
    const found: string[] = [];
    const dangerous = "script, iframe, frame, object, embed, svg, math, style, link, meta, base, form, template";
    for (const root of roots) {
      for (const element of [root, ...root.querySelectorAll("*")]) {
        if (element.matches(dangerous)) found.push(`<${element.tagName.toLowerCase()}>`);
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          if (name.startsWith("on") || name === "style" || name === "srcdoc" || name === "formaction") found.push(`${name} on <${element.tagName.toLowerCase()}>`);
          const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(attribute.value.replace(/[\s\p{Cc}]/gu, ""))?.[1]?.toLowerCase();
          if ((name === "href" || name === "src") && scheme && !["http", "https", "mailto"].includes(scheme)) found.push(`${name}=${scheme}:`);
        }
      }
    }
    return found;
  });
}

function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

// Each payload followed by a marker paragraph, in bodies well under the 20 000-character limit.
function payloadBodies(): string[] {
  const bodies: string[] = [];
  let current = "";
  for (const payload of xssPayloads) {
    const part = `${payload}\n\nend of payload\n\n`;
    if (current.length + part.length > 6_000) {
      bodies.push(current);
      current = "";
    }
    current += part;
  }
  if (current) bodies.push(current);
  return bodies;
}

test("known XSS payloads in messages run nothing, in the thread and in the preview", async ({ page }) => {
  const dialogs = recordDialogs(page);
  await startDiscussion(page, `XSS payloads ${Date.now()}`, "Payloads follow.");
  await waitForLive(page);
  const composer = page.getByRole("textbox", { name: "Write a reply" });
  const bodies = payloadBodies();

  // The preview renders with the same function; check it before posting.
  await composer.fill(bodies.join(""));
  await page.getByRole("tab", { name: "Preview" }).click();
  const preview = page.getByTestId("markdown-preview");
  await expect(preview).toContainText("end of payload");
  expect(await executableVectors(preview)).toEqual([]);
  await page.getByRole("tab", { name: "Write" }).click();

  for (const body of bodies) {
    await composer.fill(body);
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await expect(composer).toHaveValue("");
  }
  const shown = page.getByTestId("message-body");
  await expect(shown).toHaveCount(bodies.length + 1);

  // As inserted live, then as rendered by the server after a reload.
  expect(await executableVectors(shown)).toEqual([]);
  await page.reload();
  await expect(shown).toHaveCount(bodies.length + 1);
  expect(await executableVectors(shown)).toEqual([]);
  // Let anything scheduled (onload, onerror, animations, hover) fire before the verdict.
  await page.mouse.move(200, 300);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 500))));
  expect(dialogs).toEqual([]);
});

test("markdown renders: code is highlighted, links are marked as user content", async ({ page }) => {
  await startDiscussion(page, `Formatting ${Date.now()}`, "**bold** and [a link](https://example.test)\n\n```ts\nconst answer: number = 42;\n```");
  const body = page.getByTestId("message-body").first();
  await expect(body.locator("strong")).toHaveText("bold");
  await expect(body.getByRole("link", { name: "a link" })).toHaveAttribute("rel", "nofollow ugc noopener noreferrer");
  await expect(body.locator("code.hljs .hljs-keyword").first()).toHaveText("const");
});

test("a mention is completed from the keyboard and notifies the member live", async ({ page, browser }) => {
  const member = newUser("Mentioned");
  const memberContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const memberPage = await memberContext.newPage();
  await signUp(memberPage, member);
  const bell = memberPage.getByTestId("notification-bell");
  await expect(bell).toBeVisible();

  await startDiscussion(page, `Mentions ${Date.now()}`, "Who can help?");
  await waitForLive(page);
  const composer = page.getByRole("textbox", { name: "Write a reply" });
  // The handle is made from the display name, "Mentioned <id>" -> "mentioned-<id>" (the e-mail's local part).
  const handle = member.email.split("@")[0]!;
  await composer.pressSequentially(`Over to @${handle.slice(0, 13)}`);
  const option = page.getByRole("option", { name: new RegExp(member.name) });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await composer.press("ArrowDown");
  await composer.press("ArrowUp");
  await composer.press("Enter");
  await expect(composer).toHaveValue(`Over to @${handle} `);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByTestId("message-body").locator(".mention")).toHaveCount(1);

  await expect(memberPage.getByTestId("notification-count")).toHaveText("1");
  await bell.click();
  await expect(memberPage.getByTestId("notification-list")).toContainText("mentioned you in");
  await memberPage.getByRole("button", { name: "Mark all read" }).click();
  await expect(memberPage.getByTestId("notification-count")).toHaveCount(0);
  await memberContext.close();
});
