import { expect, test } from "@playwright/test";
import { ADMIN_STATE, newUser, signUp } from "./helpers";

test("the first account to sign up becomes admin", async ({ page }) => {
  const admin = newUser("Admin");
  await signUp(page, admin);
  await expect(page.getByTestId("viewer")).toContainText("Admin");
  await page.context().storageState({ path: ADMIN_STATE });
});
