import { expect, type Page, test } from "@playwright/test";
import { ADMIN_STATE, messageWithBody, newUser, signUp, startDiscussion, waitForLive } from "./helpers";

// Three browsers sign up and follow one another live; on a busy 2-core machine that outgrows 30 s.
test.describe.configure({ timeout: 90_000 });

/** Full-page screenshots for review, on request only (E2E_SCREENSHOTS=1), as screenshots.spec.ts does. */
async function snapshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `test-results/screenshots/admin-${name}.png`, fullPage: true });
}

/** Posts a reply from the thread's composer. */
async function reply(page: Page, body: string) {
  await page.getByRole("textbox", { name: "Write a reply" }).fill(body);
  await page.getByRole("button", { name: "Post", exact: true }).click();
}

/** The review queue's card for the message whose text contains `text`. */
function reviewItem(page: Page, text: string) {
  return page.getByTestId("review-item").filter({ has: page.getByTestId("review-excerpt").getByText(text) });
}

test("a held message reaches the queue live, and approving it shows it to everyone live", async ({ browser }) => {
  const moderator = await browser.newContext({ storageState: ADMIN_STATE });
  const author = await browser.newContext();
  const reader = await browser.newContext();
  const moderatorPage = await moderator.newPage();
  const authorPage = await author.newPage();
  const readerPage = await reader.newPage();
  await signUp(authorPage, newUser("Author"));
  await signUp(readerPage, newUser("Reader"));

  const url = await startDiscussion(authorPage, `Review flow ${Date.now()}`, "A calm opening post.");
  await readerPage.goto(url);
  await waitForLive(readerPage);
  await waitForLive(authorPage);
  await moderatorPage.goto("/admin");
  await expect(moderatorPage.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await waitForLive(moderatorPage);

  // The offline word list flags "idiot": the posting policy holds the message for review.
  const toxic = `Only an idiot would ship this ${Date.now()}`;
  await reply(authorPage, toxic);
  const held = messageWithBody(authorPage, toxic);
  await expect(held.getByTestId("message-status")).toHaveAttribute("data-status", "held");
  await expect(held.getByTestId("message-status")).toContainText("Held for review");
  await snapshot(authorPage, "held-message");

  // A later, harmless reply reaches the reader; the held one, posted before it, never does.
  const calm = `A calm follow-up ${Date.now()}`;
  await reply(authorPage, calm);
  await expect(messageWithBody(readerPage, calm)).toBeVisible();
  await expect(readerPage.getByTestId("message-body").getByText(toxic)).toHaveCount(0);

  // The moderator's open queue shows the item without a reload, with the classifier's verdict.
  const item = reviewItem(moderatorPage, toxic);
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute("data-kind", "message_held");
  await expect(item.getByTestId("review-score")).toContainText("lexicon");
  await snapshot(moderatorPage, "review-queue");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);

  // Approved: the reader's open thread shows it live, and the author's badge goes.
  await expect(messageWithBody(readerPage, toxic)).toBeVisible();
  await expect(messageWithBody(authorPage, toxic).getByTestId("message-status")).toHaveCount(0);

  await moderator.close();
  await author.close();
  await reader.close();
});

test("a member's flag reaches the queue live, with its reason and note", async ({ browser }) => {
  const moderator = await browser.newContext({ storageState: ADMIN_STATE });
  const author = await browser.newContext();
  const flagger = await browser.newContext();
  const moderatorPage = await moderator.newPage();
  const authorPage = await author.newPage();
  const flaggerPage = await flagger.newPage();
  await signUp(authorPage, newUser("Poster"));
  await signUp(flaggerPage, newUser("Flagger"));

  const body = `Buy cheap watches at example dot com ${Date.now()}`;
  const url = await startDiscussion(authorPage, `Flag flow ${Date.now()}`, "Opening post.");
  await reply(authorPage, body);
  await expect(messageWithBody(authorPage, body)).toBeVisible();
  // Members cannot flag their own messages.
  await expect(messageWithBody(authorPage, body).getByRole("button", { name: "Flag" })).toHaveCount(0);

  await moderatorPage.goto("/admin");
  await waitForLive(moderatorPage);

  await flaggerPage.goto(url);
  const message = messageWithBody(flaggerPage, body);
  await message.getByRole("button", { name: "Flag" }).click();
  await message.getByLabel("Spam").check();
  await message.getByLabel("Note for the moderators (optional)").fill("Advertising in every thread");
  await message.getByRole("button", { name: "Send flag" }).click();
  await expect(message.getByTestId("flag-sent")).toBeVisible();

  const item = reviewItem(moderatorPage, body);
  await expect(item).toHaveAttribute("data-kind", "message_flagged");
  await expect(item).toContainText("Spam");
  await expect(item).toContainText("Advertising in every thread");
  await snapshot(moderatorPage, "flagged-item");
  await item.getByRole("button", { name: "Dismiss" }).click();
  await expect(item).toHaveCount(0);

  await moderator.close();
  await author.close();
  await flagger.close();
});

test("members get a 403 page at /admin, and anonymous visitors are sent to sign in", async ({ browser }) => {
  const member = await browser.newContext();
  const page = await member.newPage();
  await signUp(page, newUser("Member"));
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByTestId("admin-forbidden")).toContainText("403");
  await snapshot(page, "forbidden");
  await expect(page.getByRole("navigation", { name: "Admin sections" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByTestId("admin-forbidden")).toBeVisible();
  await member.close();

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto("/admin");
  await expect(visitor).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  await anonymous.close();
});

test("every admin page renders for an admin", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await admin.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  for (const [link, heading] of [
    ["Users", "Users"],
    ["Labels", "Labels"],
    ["Agent jobs", "Agent jobs"],
    ["Audit log", "Audit log"],
    ["Settings", "Settings"],
  ] as const) {
    await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await snapshot(page, link.toLowerCase().replace(" ", "-"));
  }
  await admin.close();
});

test("a moderator suspends a member from /admin/users; the member sees why and until when", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const member = await browser.newContext();
  const adminPage = await admin.newPage();
  const memberPage = await member.newPage();
  const person = newUser("Suspendee");
  await signUp(memberPage, person);

  await adminPage.goto("/admin/users");
  const main = adminPage.locator("main");
  await main.getByLabel("Search", { exact: true }).fill(person.name);
  await main.getByRole("button", { name: "Apply" }).click();
  const row = main.getByTestId("user-row").filter({ hasText: person.name });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "Suspend" }).click();
  await row.getByLabel("For").selectOption({ label: "1 day" });
  await row.getByLabel("Reason").fill("Cooling off after a heated thread");
  await row.getByRole("button", { name: "Suspend" }).click();
  await expect(row).toContainText("Suspended");
  await expect(row).toContainText("Cooling off after a heated thread");

  await memberPage.reload();
  const banner = memberPage.getByTestId("suspended-banner");
  await expect(banner).toContainText("Your account is suspended until");
  await expect(banner).toContainText("Cooling off after a heated thread");
  await snapshot(memberPage, "suspended-banner");

  await row.getByRole("button", { name: "Reinstate" }).click();
  await expect(row).toContainText("Active");
  await memberPage.reload();
  await expect(memberPage.getByTestId("viewer")).toContainText(person.name);
  await expect(memberPage.getByTestId("suspended-banner")).toHaveCount(0);

  await admin.close();
  await member.close();
});

test("an admin makes a member moderator; the moderator gets the admin pages without admin-only controls", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const member = await browser.newContext();
  const adminPage = await admin.newPage();
  const memberPage = await member.newPage();
  const person = newUser("Promoted");
  await signUp(memberPage, person);

  await adminPage.goto("/admin/users");
  const main = adminPage.locator("main");
  await main.getByLabel("Search", { exact: true }).fill(person.name);
  await main.getByRole("button", { name: "Apply" }).click();
  const row = main.getByTestId("user-row").filter({ hasText: person.name });
  await row.getByLabel(`Role of ${person.name}`).selectOption("moderator");
  await expect(row).toContainText("Moderator");

  // Roles are read from the database on every request: no new sign-in needed.
  await memberPage.goto("/admin");
  await expect(memberPage.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(memberPage.getByTestId("viewer")).toContainText("Moderator");
  await memberPage.goto("/admin/settings");
  await expect(memberPage.locator("main")).toContainText("are for admins");
  await memberPage.goto("/admin/labels");
  await expect(memberPage.locator("main")).toContainText("Only admins change the label set");
  await expect(memberPage.getByRole("button", { name: "New label" })).toHaveCount(0);
  await memberPage.goto("/admin/users");
  await expect(memberPage.getByTestId("user-list")).toBeVisible();
  await expect(memberPage.locator("main select[aria-label^='Role of']")).toHaveCount(0);

  await admin.close();
  await member.close();
});
