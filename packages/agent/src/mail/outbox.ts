import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@parley/db/paths";

/** Where mail goes when no SMTP_URL is set (development only): one .eml (the raw message,
 * openable in any mail client) and one .json (for the /dev/outbox page) per mail. */
export const outboxDir = (): string => path.join(dataDir(), "outbox");

export const outboxEntrySchema = z.object({
  id: z.string(),
  date: z.iso.datetime(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export async function writeOutbox(
  entry: OutboxEntry,
  raw: Buffer,
  dir = outboxDir(),
): Promise<string> {
  await mkdir(dir, { recursive: true });
  // Sortable by time, unique by the message's id.
  const base = `${entry.date.replace(/[:.]/g, "-")}-${entry.id.replace(/[^a-zA-Z0-9-]/g, "")}`;
  await writeFile(path.join(dir, `${base}.eml`), raw);
  await writeFile(path.join(dir, `${base}.json`), JSON.stringify(entry, null, 2));
  return path.join(dir, `${base}.eml`);
}

/** The newest mails first, at most `limit`. Files that do not parse are skipped. */
export async function readOutbox(limit = 50, dir = outboxDir()): Promise<OutboxEntry[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit);
  const entries: OutboxEntry[] = [];
  for (const name of newest) {
    try {
      const parsed = outboxEntrySchema.safeParse(
        JSON.parse(await readFile(path.join(dir, name), "utf8")),
      );
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // removed or half-written meanwhile
    }
  }
  return entries;
}
