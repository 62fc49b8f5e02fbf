import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE, startDiscussion, waitForLive } from "./helpers";

test.use({ storageState: ADMIN_STATE });

/** A made-up word of letters only, so this run's message is the only one that has it. */
const uniqueWord = () =>
  randomUUID()
    .replace(/-/g, "")
    .slice(0, 10)
    .replace(/[0-9]/g, (digit) => "ghijklmnop"[Number(digit)] ?? "q");

test("find a message by a phrase, see it highlighted, and open it", async ({ page }) => {
  const [first, second] = [uniqueWord(), uniqueWord()];
  const body = `We moved the ${first} ${second} to the backup rack yesterday.`;
  await startDiscussion(page, `Server room ${first}`, "Where did the old hardware go?");
  await waitForLive(page);
  await page.getByRole("textbox", { name: "Write a reply" }).fill(body);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  const posted = page.getByTestId("message").filter({ hasText: body }).last();
  await expect(posted).toBeVisible();
  const messageId = await posted.getAttribute("data-message-id");
  expect(messageId).toBeTruthy();

  // From the header's box to /search, where the URL holds the query.
  await page.goto("/");
  await page.getByTestId("header-search-input").fill(`"${first} ${second}"`);
  await page.getByTestId("header-search-input").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  const hit = page.locator(`[data-testid="search-result"][data-result-id="${messageId ?? "missing"}"]`);
  await expect(hit).toBeVisible();
  await expect(hit).toHaveAttribute("data-kind", "message");
  await expect(hit.getByTestId("search-result-snippet").locator("mark")).toHaveText([first, second]);
  await expect(hit.getByTestId("search-result-snippet")).toContainText("backup rack");
  await expect(page.getByTestId("search-input")).toHaveValue(`"${first} ${second}"`);

  // Shareable: the same URL shows the same result; a filter that excludes it shows the empty state.
  const url = page.url();
  await page.reload();
  await expect(hit).toBeVisible();
  await page.getByTestId("search-filter-status").selectOption("closed");
  await page.getByTestId("search-submit").click();
  await expect(page).toHaveURL(/status=closed/);
  await expect(page.getByTestId("search-empty")).toBeVisible();

  // The link opens the discussion at the message.
  await page.goto(url);
  await hit.getByTestId("search-result-link").click();
  await expect(page).toHaveURL(new RegExp(`/discussions/[0-9a-f-]+#message-${messageId ?? "missing"}$`));
  await expect(page.locator(`#message-${messageId ?? "missing"}`)).toBeInViewport();
});
