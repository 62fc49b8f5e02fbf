import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";

/** Where serve.ts writes each mail its SMTP server receives (relative to apps/web). */
export const E2E_MAIL_DIR = "test-results/mail";

interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

async function mailsTo(address: string): Promise<ReceivedMail[]> {
  const dir = path.resolve(E2E_MAIL_DIR);
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith(".json"))
    .sort();
  const mails: ReceivedMail[] = [];
  for (const name of names) {
    try {
      const mail = JSON.parse(await readFile(path.join(dir, name), "utf8")) as ReceivedMail;
      if (mail.to === address) mails.push(mail);
    } catch {
      // being written
    }
  }
  return mails;
}

/** Waits for the `n`-th mail (1-based) to `address` whose subject contains `subject`. */
export async function waitForMail(address: string, subject: string, n = 1): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(address)).filter((m) => m.subject.includes(subject))[n - 1];
        return found !== undefined;
      },
      { message: `mail "${subject}" #${n} to ${address}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** The first link in a mail's text whose path is `pathname`. */
export function linkIn(mail: ReceivedMail, pathname: string): string {
  const match = new RegExp(`https?://\\S+${pathname.replace(/[/?]/g, "\\$&")}\\?\\S+`).exec(
    mail.text,
  );
  expect(match, `a ${pathname} link in "${mail.subject}"`).not.toBeNull();
  return match![0];
}
