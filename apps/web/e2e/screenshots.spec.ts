import { test } from "@playwright/test";
import { messageById, messageWithBody, newUser, signUp, startDiscussion, waitForLive } from "./helpers";

// Pictures of the main pages for review (run with E2E_SCREENSHOTS=1; see playwright.config.ts).
test("thread and list pages", async ({ browser }) => {
  const grace = await browser.newContext({ viewport: { width: 1180, height: 1500 } });
  const linus = await browser.newContext({ viewport: { width: 1180, height: 1500 } });
  const gracePage = await grace.newPage();
  const linusPage = await linus.newPage();
  await signUp(gracePage, { ...newUser("Grace"), name: "Grace Hopper" });
  await signUp(linusPage, { ...newUser("Linus"), name: "Linus Pauling" });

  const url = await startDiscussion(
    gracePage,
    "Should the nightly build run the full end-to-end suite?",
    "The suite takes about a minute now. Running it on every push slows reviews down, but the nightly run caught two regressions last month.\n\nWhat do you think: every push, nightly, or both?",
  );
  async function post(page: typeof gracePage, body: string, replyTo?: string) {
    await page.goto(url);
    await waitForLive(page);
    if (replyTo) {
      const parent = await messageById(page, replyTo);
      await parent.getByRole("button", { name: "Reply" }).first().click();
      await parent.getByRole("textbox", { name: /Reply to/ }).fill(body);
      await parent.getByRole("button", { name: "Post reply" }).click();
    } else {
      await page.getByRole("textbox", { name: "Write a reply" }).fill(body);
      await page.getByRole("button", { name: "Post", exact: true }).click();
    }
    await messageWithBody(page, body).waitFor();
  }
  await post(linusPage, "Both. A minute per push is fine if it runs in parallel with lint.");
  await post(gracePage, "Parallel is the catch: our runner has two cores.", "Both. A minute per push is fine if it runs in parallel with lint.");
  await post(linusPage, "Then shard it: the live tests on one worker, the rest on the other.", "Parallel is the catch: our runner has two cores.");
  await post(gracePage, "I'll try sharding tomorrow and report the timings here.");
  await post(linusPage, "Wrong thread, sorry");
  const wrong = await messageById(linusPage, "Wrong thread, sorry");
  await wrong.getByRole("button", { name: "Delete" }).click();
  await wrong.getByRole("button", { name: "Delete" }).click();
  await wrong.getByText("Message deleted").waitFor();

  const edited = await messageById(gracePage, "I'll try sharding tomorrow and report the timings here.");
  await gracePage.goto(url);
  await edited.getByRole("button", { name: "Edit" }).first().click();
  await edited.getByRole("textbox", { name: "Edit message" }).fill("I'll try sharding tomorrow morning and post the timings here.");
  await edited.getByRole("button", { name: "Save changes" }).click();
  await edited.getByRole("button", { name: "edited" }).click();
  await edited.getByTestId("history").waitFor();
  await linusPage.goto(url);
  await waitForLive(linusPage);
  await linusPage.getByTestId("summary").getByRole("button", { name: "Summarize thread" }).click();
  await linusPage.getByTestId("summary").getByText(/Covers (all )?[\d,]+ messages/).waitFor({ timeout: 20_000 });
  await linusPage.screenshot({ path: "test-results/screenshots/thread.png", fullPage: true });
  await gracePage.screenshot({ path: "test-results/screenshots/thread-history.png", fullPage: true });

  await linusPage.goto("/");
  await waitForLive(linusPage);
  await linusPage.screenshot({ path: "test-results/screenshots/list.png" });
  await linusPage.setViewportSize({ width: 390, height: 844 });
  await linusPage.goto(url);
  await linusPage.screenshot({ path: "test-results/screenshots/thread-mobile.png", fullPage: true });
  await grace.close();
  await linus.close();
});
