import { expect, test } from "@playwright/test";
import { messageWithBody, newUser, signUp, startDiscussion, waitForLive } from "./helpers";

test("two people on one thread see each other's messages without reloading", async ({ browser }) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const alicePage = await alice.newPage();
  const bobPage = await bob.newPage();
  await signUp(alicePage, newUser("Alice"));
  await signUp(bobPage, newUser("Bob"));

  // Bob watches the list while Alice starts a discussion: it appears on his page.
  await bobPage.goto("/");
  await waitForLive(bobPage);
  const title = `Live check ${Date.now()}`;
  const url = await startDiscussion(alicePage, title, "Can everyone see this update live?");
  await expect(bobPage.getByRole("link", { name: title })).toBeVisible();

  // Both on the thread: Alice posts, Bob sees it; Bob answers, Alice sees it.
  await bobPage.getByRole("link", { name: title }).click();
  await expect(bobPage).toHaveURL(url);
  await waitForLive(bobPage);
  await waitForLive(alicePage);

  await alicePage.getByRole("textbox", { name: "Write a reply" }).fill("Posted from Alice's browser");
  await alicePage.getByRole("button", { name: "Post", exact: true }).click();
  await expect(messageWithBody(bobPage, "Posted from Alice's browser")).toBeVisible();

  await bobPage.getByRole("textbox", { name: "Write a reply" }).fill("Bob here, got it live");
  await bobPage.getByRole("button", { name: "Post", exact: true }).click();
  await expect(messageWithBody(alicePage, "Bob here, got it live")).toBeVisible();
  // Delivered once, not duplicated by the mutation answer and the live event.
  await expect(bobPage.getByTestId("message-body").getByText("Bob here, got it live", { exact: true })).toHaveCount(1);

  await alice.close();
  await bob.close();
});
