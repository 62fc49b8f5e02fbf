import { expect, test } from "@playwright/test";
import { newUser, signInWith, signUp } from "./helpers";
import { linkIn, waitForMail } from "./mail";

test("a forgotten password is reset from a mailed link, which ends the other sessions and works once", async ({
  page,
  browser,
}) => {
  const member = newUser("Forgetful");
  await signUp(page, member);

  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.goto("/sign-in");
  await other.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: wait until the new page is there.
  await expect(other.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await other.getByLabel("Email").fill(member.email);
  await other.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(other.getByRole("status")).toContainText(
    "a link to choose a new password is on its way",
  );

  const mail = await waitForMail(member.email, "Reset your password");
  expect(mail.text).toContain("expires in 60 minutes");
  const link = linkIn(mail, "/reset-password");
  await other.goto(link);
  await other.getByLabel("New password").fill("a fresh passphrase for me");
  await other.getByRole("button", { name: "Set my new password" }).click();
  await expect(other.getByRole("status")).toContainText("has been signed out");

  // The first browser's session began before the reset: it is signed out.
  await page.reload();
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();

  // The link worked once.
  await other.goto(link);
  await expect(other.getByRole("main").getByRole("alert")).toContainText("already used");
  await expect(other.getByRole("link", { name: "Ask for a new reset link" })).toBeVisible();

  await signInWith(other, member.email, "a fresh passphrase for me");
  await expect(other.getByTestId("viewer")).toContainText(member.name);
  await elsewhere.close();
});

test("a forged reset link is refused with what to do next", async ({ page }) => {
  await page.goto(`/reset-password?token=${"A".repeat(43)}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This link is not valid");
  await page.getByRole("link", { name: "Ask for a new reset link" }).click();
  await expect(page.getByRole("button", { name: "Send me a reset link" })).toBeVisible();
});

test("a new account confirms its address from the mailed link", async ({ page }) => {
  const member = newUser("Confirming");
  await signUp(page, member);
  await page.goto("/settings/account");
  await expect(page.getByTestId("account-email")).toContainText("not confirmed yet");

  const mail = await waitForMail(member.email, "Confirm your email address");
  await page.goto(linkIn(mail, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("status")).toContainText(`Confirmed: ${member.email}`);
  await page.goto("/settings/account");
  await expect(page.getByTestId("account-email")).toHaveText(`${member.email} · confirmed`);
});

test("registering with a taken address looks like a fresh registration; the owner is told by mail", async ({
  page,
}) => {
  const owner = newUser("Owner");
  await signUp(page, owner);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();

  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Impostor");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("an impostor passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(`We sent a link to ${owner.email}`);
  const mail = await waitForMail(owner.email, "Someone tried to register");
  expect(mail.text).toContain("No new account was created");
});

// The app's not-found page (its status is 200: the layout's loading boundary streams first, as for every page here).
test("the dev outbox page does not exist in production", async ({ page }) => {
  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dev outbox" })).toHaveCount(0);
});

test("a member chooses which notifications are mailed", async ({ page }) => {
  await signUp(page, newUser("Chooser"));
  await page.goto("/settings/account");
  const replies = page.getByLabel("Mail for replies");
  await expect(replies).toHaveValue("immediately");
  await replies.selectOption("never");
  await expect(replies).toBeEnabled();
  await page.reload();
  await expect(page.getByLabel("Mail for replies")).toHaveValue("never");
  await expect(page.getByLabel("Mail for mentions")).toHaveValue("immediately");
});

test("an unsubscribe link that is not signed by the server changes nothing and says so", async ({
  page,
  request,
}) => {
  const oneClick = await request.post("/api/unsubscribe?token=forged.token.signature", {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(oneClick.status()).toBe(400);
  await page.goto("/api/unsubscribe?token=forged.token.signature");
  await expect(page).toHaveURL(/\/unsubscribe\?token=/);
  await page.getByRole("button", { name: "Stop these mails" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not valid");
});
