import { expect, test } from "@playwright/test";
import { ADMIN_STATE, startDiscussion, waitForLive } from "./helpers";

test.use({ storageState: ADMIN_STATE });

test("the assistant summarizes the thread and drafts a reply (offline helper, labelled)", async ({ page }) => {
  await startDiscussion(page, `Assistant check ${Date.now()}`, "We should move the weekly sync to Thursdays because Mondays are busy.");
  await waitForLive(page);

  const summary = page.getByTestId("summary");
  await summary.getByRole("button", { name: "Summarize thread" }).click();
  await expect(summary.getByText(/Covers the thread's only message/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Offline helper, not an AI model")).toBeVisible();

  const draft = page.getByTestId("draft");
  await draft.getByRole("button", { name: "Draft a reply" }).click();
  await draft.getByRole("button", { name: "Use this draft" }).click({ timeout: 20_000 });
  await expect(page.getByRole("textbox", { name: "Write a reply" })).not.toHaveValue("");
});
