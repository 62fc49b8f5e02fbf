import { expect, test } from "@playwright/test";
import {
  ADMIN_STATE,
  messageWithBody,
  newUser,
  signUp,
  startDiscussion,
  waitForLive,
} from "./helpers";

test("a summary says what it covers, and is hidden from members once a covered message is deleted", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, newUser("Reader"));
  const url = await startDiscussion(
    page,
    `Coverage ${Date.now()}`,
    "The export button crashes the page since version 2.3 of the app.",
  );
  await waitForLive(page);
  const secret = "PRIVATE-NOTE the staging host is db7.internal and it crashes too.";
  await page.getByRole("textbox", { name: "Write a reply" }).fill(secret);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(messageWithBody(page, secret)).toBeVisible();

  const summary = page.getByTestId("summary");
  await summary.getByRole("button", { name: "Summarize thread" }).click();
  await expect(summary.getByTestId("summary-coverage")).toContainText("Covers all 2 messages", {
    timeout: 20_000,
  });
  await expect(summary).toContainText("PRIVATE-NOTE");

  const reply = messageWithBody(page, secret);
  await reply.getByRole("button", { name: "Delete" }).click();
  await reply.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Message deleted")).toBeVisible();

  // Another member opening the thread now does not get the old summary.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, newUser("Other"));
  await otherPage.goto(url);
  const otherSummary = otherPage.getByTestId("summary");
  await expect(otherSummary.getByTestId("summary-withheld")).toBeVisible();
  await expect(otherSummary).not.toContainText("PRIVATE-NOTE");

  await otherSummary.getByRole("button", { name: "Update summary" }).click();
  await expect(otherSummary.getByTestId("summary-coverage")).toContainText(
    "Covers the thread's only message",
    { timeout: 20_000 },
  );
  await expect(otherSummary).not.toContainText("PRIVATE-NOTE");
  await context.close();
  await other.close();
});

test("an offline draft is built from the thread's open questions, each linked to its message", async ({
  browser,
}) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  const question = "Is there a way to export only the messages of one week?";
  const url = await startDiscussion(
    adminPage,
    `Draft check ${Date.now()}`,
    `Exports are huge on our site. ${question}`,
  );

  const member = await browser.newContext();
  const page = await member.newPage();
  await signUp(page, newUser("Helper"));
  await page.goto(url);
  await waitForLive(page);
  const draft = page.getByTestId("draft");
  await draft.getByRole("button", { name: "Draft a reply" }).click();
  const points = draft.getByTestId("draft-points");
  await expect(points).toContainText(question, { timeout: 20_000 });
  await expect(points.getByRole("link", { name: "[1]" })).toHaveAttribute("href", /#message-/);
  await expect(draft).toContainText("[your answer]");
  await expect(draft).not.toContainText("Here is what I know so far");
  await admin.close();
  await member.close();
});
