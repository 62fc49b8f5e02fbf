import { expect, type Page, test } from "@playwright/test";
import { messageWithBody, newUser, signUp, startDiscussion, waitForLive } from "./helpers";

async function postReply(page: Page, body: string): Promise<void> {
  await page.getByRole("textbox", { name: "Write a reply" }).fill(body);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(messageWithBody(page, body)).toBeVisible();
}

test("a member summarizes a thread, follows a citation, drafts a reply and asks for labels", async ({ page }) => {
  await signUp(page, newUser("Agent"));
  await startDiscussion(page, `Agent check ${Date.now()}`, "The nightly export fails when the bucket is full.");
  await waitForLive(page);
  await postReply(page, "We could rotate old exports after seven days.");
  await postReply(page, "Agreed, and alert when the bucket passes ninety percent.");

  const summary = page.getByTestId("summary");
  const requestedAt = Date.now();
  await summary.getByRole("button", { name: "Summarize thread" }).click();
  await expect(summary.getByTestId("summary-coverage")).toContainText("Covers all 3 messages", { timeout: 20_000 });
  // Reported, never asserted: how long a member waits for the whole summary.
  test.info().annotations.push({ type: "summary-complete-ms", description: String(Date.now() - requestedAt) });
  await expect(page.getByText("Offline helper, not an AI model")).toBeVisible();

  // A citation links to a message in the thread and brings it into view.
  await summary.getByText(/Sources \(\d+\)/).click();
  const citation = summary.locator('a[href^="#message-"]').first();
  const target = (await citation.getAttribute("href")) ?? "#missing";
  await citation.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator(target)).toBeInViewport();

  // A newer message makes the summary stale, and says by how much.
  await postReply(page, "I will write the rotation job this week.");
  await expect(summary.getByTestId("summary-coverage")).toContainText("Covers the first 3 messages");
  await expect(summary.getByTestId("summary-coverage")).toContainText("1 newer message is not included yet");

  const draft = page.getByTestId("draft");
  await draft.getByRole("button", { name: "Draft a reply" }).click();
  await draft.getByRole("button", { name: "Use this draft" }).click({ timeout: 20_000 });
  await expect(draft.getByText(/^Why:/)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Write a reply" })).not.toHaveValue("");

  const labels = page.getByTestId("label-suggestions");
  await labels.getByRole("button", { name: "Suggest labels" }).click();
  await expect(labels.getByRole("button", { name: "Suggest again" })).toBeVisible({ timeout: 20_000 });
  await expect(labels.getByRole("alert")).toHaveCount(0);
});
