import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

export const ADMIN_STATE = "test-results/.auth/admin.json";
/** Written by serve.ts: the URL of this run's throwaway database, for specs that seed in SQL. */
export const E2E_DATABASE_URL_FILE = "test-results/.database-url";

export function newUser(name: string): TestUser {
  const id = randomUUID().slice(0, 8);
  return { name: `${name} ${id}`, email: `${name.toLowerCase()}-${id}@example.test`, password: `a long passphrase ${id}` };
}

/** Signs up through the form, then signs in (registering never signs in by itself: see
 * sign-up-form.tsx), and waits until the header shows the new account. */
export async function signUp(page: Page, user: TestUser): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your inbox")).toBeVisible();
  await signInWith(page, user.email, user.password);
  await expect(page.getByTestId("viewer")).toContainText(user.name);
}

/** Signs in through the sign-in form. */
export async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Starts a discussion and returns its URL. */
export async function startDiscussion(page: Page, title: string, body: string): Promise<string> {
  await page.goto("/discussions/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Message").fill(body);
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url();
}

/** The thread's message (an <li>, with its replies) whose own body is exactly `body`. */
export function messageWithBody(page: Page, body: string) {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-body").getByText(body, { exact: true }) }).last();
}

/** The same message found by id, so it stays found while its body is being edited. */
export async function messageById(page: Page, body: string) {
  const id = await messageWithBody(page, body).getAttribute("data-message-id");
  return page.locator(`[data-message-id="${id ?? "missing"}"]`);
}

/** Waits until the page's live subscription is connected. */
export async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "pending");
}
