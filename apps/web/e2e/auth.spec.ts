import { expect, test } from "@playwright/test";
import { newUser, signUp } from "./helpers";

test("a second account is a member, and can sign out and back in", async ({ page }) => {
  const member = newUser("Member");
  await signUp(page, member);
  await expect(page.getByTestId("viewer")).toContainText("Member");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("viewer")).toContainText(member.name);
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const member = newUser("Careful");
  await signUp(page, member);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  for (const email of [member.email, "nobody-here@example.test"]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the right password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  }
});

test("sign-up shows the API's errors beside the fields", async ({ page }) => {
  const taken = newUser("Taken");
  await signUp(page, taken);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Someone");
  await page.getByLabel("Email").fill(taken.email);
  await page.getByLabel("Password").fill("another long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  // A taken address gets the answer a new one gets (its owner is told by mail).
  await expect(page.getByText("Check your inbox")).toBeVisible();
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Weak");
  await page.getByLabel("Email").fill(newUser("Weak").email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common")).toBeVisible();
});
