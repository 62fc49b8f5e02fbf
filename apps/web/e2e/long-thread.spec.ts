import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { createDatabase, type Database } from "@parley/db";
import {
  E2E_DATABASE_URL_FILE,
  messageWithBody,
  newUser,
  signUp,
  startDiscussion,
  waitForLive,
} from "./helpers";

// A thread far longer than any page: written in SQL (posting thousands through the browser
// would take minutes), then read the way a member reads a long Discourse topic.
const COUNT = 3000;
const body = (n: number) => `Long thread message ${String(n).padStart(4, "0")}`;

test.describe.configure({ timeout: 180_000 });

let db: Database;
test.beforeAll(async () => {
  const url = (
    await readFile(path.resolve(import.meta.dirname, "..", E2E_DATABASE_URL_FILE), "utf8")
  ).trim();
  db = createDatabase(url, { max: 2 });
});
test.afterAll(async () => {
  await db.$disconnect();
});

/**
 * COUNT replies one second apart over the past hour, after the opening post (moved back two
 * hours), and the discussion's count to match; a message posted now is then the newest.
 */
async function seedThread(discussionId: string, authorEmail: string) {
  const author = await db.user.findUniqueOrThrow({
    where: { email: authorEmail },
    select: { id: true },
  });
  await db.$executeRaw`UPDATE messages SET created_at = now() - interval '2 hours' WHERE discussion_id = ${discussionId}::uuid`;
  await db.$executeRaw`
    INSERT INTO messages (id, discussion_id, author_id, body, created_at)
    SELECT uuidv7(), ${discussionId}::uuid, ${author.id}::uuid,
           'Long thread message ' || lpad(n::text, 4, '0'), now() - interval '1 hour' + n * interval '1 second'
    FROM generate_series(1, ${COUNT}::int) AS n`;
  await db.$executeRaw`UPDATE discussions SET message_count = message_count + ${COUNT}::int WHERE id = ${discussionId}::uuid`;
}

const lastReadOf = async (email: string, discussionId: string) =>
  (
    await db.readPosition.findFirst({
      where: { discussionId, user: { email } },
      select: { lastReadId: true },
    })
  )?.lastReadId ?? null;

/** Messages in the DOM: never the whole thread. */
const rendered = (page: Page) => page.getByTestId("message").count();

/** Scrolls one way until `n` is in the DOM (pages load as the reader gets near an end). */
async function scrollUntilLoaded(page: Page, n: number, direction: "up" | "down") {
  await expect(async () => {
    await page.mouse.wheel(0, direction === "down" ? 4000 : -4000);
    await expect(messageWithBody(page, body(n))).toBeAttached({ timeout: 1000 });
  }).toPass();
}

test("a thread of thousands opens at its start, jumps, loads both ways, lands on the first unread and stays live", async ({
  page,
  browser,
}) => {
  const authorContext = await browser.newContext();
  const authorPage = await authorContext.newPage();
  const author = newUser("Author");
  await signUp(authorPage, author);
  const url = await startDiscussion(
    authorPage,
    `Long thread ${Date.now()}`,
    "The opening of a very long thread",
  );
  const discussionId = url.split("/").at(-1) ?? "";
  await seedThread(discussionId, author.email);

  // A first visit opens at the opening post, with one page of replies, not three thousand.
  await signUp(page, newUser("Visitor"));
  await page.goto(url);
  await expect(page.getByRole("list", { name: "Opening post" })).toBeVisible();
  await expect(messageWithBody(page, body(1))).toBeVisible();
  await expect(messageWithBody(page, body(COUNT))).toHaveCount(0);

  // Scrolling down loads newer pages; the window stays bounded.
  await scrollUntilLoaded(page, 180, "down");
  expect(await rendered(page)).toBeLessThanOrEqual(260);

  // Newest: the last message is on screen and the start is no longer in the DOM.
  await page.getByRole("button", { name: "Newest" }).click();
  await expect(messageWithBody(page, body(COUNT))).toBeInViewport();
  await expect(messageWithBody(page, body(1))).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Opening post" })).toHaveCount(0);

  // Scrolling to the top of the window loads older messages above without moving what is on
  // screen: the topmost message is measured in the same task that scrolls, before any load.
  const before = await page.evaluate(() => {
    const card = document.querySelector<HTMLElement>(
      "[data-testid=thread-window] li[data-message-id] > article",
    );
    card?.scrollIntoView({ block: "start" });
    return {
      id: card?.parentElement?.dataset.messageId ?? "",
      top: card?.getBoundingClientRect().top ?? Number.NaN,
    };
  });
  await expect(messageWithBody(page, body(COUNT - 60))).toBeAttached();
  const topAfter = await page
    .locator(`li[data-message-id="${before.id}"] > article`)
    .evaluate((card) => card.getBoundingClientRect().top);
  expect(Math.abs(topAfter - before.top)).toBeLessThanOrEqual(2);
  await scrollUntilLoaded(page, COUNT - 300, "up");
  expect(await rendered(page)).toBeLessThanOrEqual(260);

  // First: back at the opening post.
  await page.getByRole("button", { name: "First", exact: true }).click();
  await expect(page.getByRole("list", { name: "Opening post" })).toBeInViewport();
  await expect(messageWithBody(page, body(1))).toBeAttached();

  // A returning reader who read up to message 1500 (on another device) opens at 1501.
  const reader = newUser("Reader");
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signUp(readerPage, reader);
  const readerId = (
    await db.user.findUniqueOrThrow({ where: { email: reader.email }, select: { id: true } })
  ).id;
  const read = await db.message.findFirstOrThrow({
    where: { discussionId, body: body(1500) },
    select: { id: true, createdAt: true },
  });
  await db.readPosition.create({
    data: { userId: readerId, discussionId, lastReadAt: read.createdAt, lastReadId: read.id },
  });
  await readerPage.goto(url);
  await expect(messageWithBody(readerPage, body(1501))).toBeInViewport();
  await expect(readerPage.getByRole("list", { name: "Opening post" })).toHaveCount(0);

  // What scrolls into view is marked read, forward only.
  await readerPage.mouse.wheel(0, 1500);
  await expect.poll(() => lastReadOf(reader.email, discussionId)).not.toBe(read.id);
  const readSoFar = (await lastReadOf(reader.email, discussionId)) ?? "";
  const [next] = await db.$queryRaw<{ body: string }[]>`
    SELECT body FROM messages
    WHERE discussion_id = ${discussionId}::uuid
      AND (created_at, id) > (SELECT created_at, id FROM messages WHERE id = ${readSoFar}::uuid)
    ORDER BY created_at, id LIMIT 1`;
  expect(next && next.body > body(1501)).toBe(true);

  // "First unread" brings the reader back there from anywhere in the thread.
  await readerPage.getByRole("button", { name: "First", exact: true }).click();
  await expect(readerPage.getByRole("list", { name: "Opening post" })).toBeInViewport();
  await readerPage.getByRole("button", { name: "First unread" }).click();
  await expect(messageWithBody(readerPage, next?.body ?? "missing")).toBeInViewport();

  // At the newest page, a message posted elsewhere appears at the bottom, live.
  await readerPage.getByRole("button", { name: "Newest" }).click();
  await expect(messageWithBody(readerPage, body(COUNT))).toBeInViewport();
  await waitForLive(readerPage);
  await authorPage
    .getByRole("textbox", { name: "Write a reply" })
    .fill("A live reply at the end of a long thread");
  await authorPage.getByRole("button", { name: "Post", exact: true }).click();
  await expect(
    messageWithBody(readerPage, "A live reply at the end of a long thread"),
  ).toBeAttached();
  const order = await readerPage.getByTestId("message-body").allTextContents();
  expect(order.slice(-2)).toEqual([body(COUNT), "A live reply at the end of a long thread"]);

  // Once everything is read, the thread reopens at its newest message.
  const newest = await db.message.findFirstOrThrow({
    where: { discussionId, body: "A live reply at the end of a long thread" },
    select: { id: true },
  });
  await expect.poll(() => lastReadOf(reader.email, discussionId)).toBe(newest.id);
  await readerPage.reload();
  await expect(
    messageWithBody(readerPage, "A live reply at the end of a long thread"),
  ).toBeInViewport();
  await expect(readerPage.getByRole("list", { name: "Opening post" })).toHaveCount(0);
  await readerContext.close();
  await authorContext.close();
});
