import { expect, test } from "@playwright/test";
import { ADMIN_STATE, messageById, messageWithBody, startDiscussion, waitForLive } from "./helpers";

test.use({ storageState: ADMIN_STATE });

// One discussion taken through its life: each step builds on the one before.
test.describe.serial("a discussion from start to close", () => {
  let url = "";
  const title = `Release checklist ${Date.now()}`;

  test("create a discussion", async ({ page }) => {
    url = await startDiscussion(page, title, "What should we check before the 1.0 release?");
    await expect(messageWithBody(page, "What should we check before the 1.0 release?")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  });

  test("post a message and a reply to it", async ({ page }) => {
    await page.goto(url);
    await waitForLive(page);
    await page.getByRole("textbox", { name: "Write a reply" }).fill("Run the migration on a copy of production first.");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const message = messageWithBody(page, "Run the migration on a copy of production first.");
    await expect(message).toBeVisible();

    await message.getByRole("button", { name: "Reply" }).first().click();
    await message.getByRole("textbox", { name: /Reply to/ }).fill("Agreed, and time how long it takes.");
    await message.getByRole("button", { name: "Post reply" }).click();
    const reply = messageWithBody(page, "Agreed, and time how long it takes.");
    await expect(reply).toBeVisible();
    // The reply is nested inside the message it answers, and survives a reload there.
    await page.reload();
    await expect(message.getByTestId("message").filter({ hasText: "Agreed, and time how long it takes." })).toBeVisible();
    await expect(page.getByRole("heading", { name: "2 replies" })).toBeVisible();
  });

  test("edit a message and see its history", async ({ page }) => {
    await page.goto(url);
    const message = await messageById(page, "Run the migration on a copy of production first.");
    await message.getByRole("button", { name: "Edit" }).first().click();
    const editor = message.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Run the migration on a fresh copy of production first.");
    await message.getByRole("button", { name: "Save changes" }).click();

    await expect(message.getByTestId("message-body").first()).toHaveText("Run the migration on a fresh copy of production first.");
    const edited = message;
    await edited.getByRole("button", { name: "edited" }).first().click();
    const history = edited.getByRole("region", { name: "Edit history" }).first();
    await expect(history).toContainText("Run the migration on a copy of production first.");
  });

  test("delete a message keeps its replies in place", async ({ page }) => {
    await page.goto(url);
    await page.getByRole("textbox", { name: "Write a reply" }).fill("Typo, ignore me");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const typo = messageWithBody(page, "Typo, ignore me");
    await typo.getByRole("button", { name: "Delete" }).click();
    await typo.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Message deleted")).toBeVisible();
    await expect(page.getByText("Typo, ignore me")).toHaveCount(0);
  });

  test("close the discussion", async ({ page }) => {
    await page.goto(url);
    await page.getByRole("button", { name: "Close discussion" }).click();
    await expect(page.getByTestId("discussion-status")).toHaveText("Closed");
    await expect(page.getByText("This discussion is closed.")).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Write a reply" })).toHaveCount(0);

    await page.goto("/?status=closed");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.goto("/?status=open");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  });
});
