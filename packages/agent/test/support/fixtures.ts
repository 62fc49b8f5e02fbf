import { randomBytes } from "node:crypto";
import { type Database } from "@parley/db";

export interface SeededThread {
  discussionId: string;
  authorId: string;
  otherId: string;
  messageIds: string[];
}

const unique = () => randomBytes(4).toString("hex");

/** Two members and a discussion with the given message bodies, posted one second apart. */
export async function seedThread(
  db: Database,
  bodies: string[],
  title = "Login fails after upgrade",
): Promise<SeededThread> {
  const tag = unique();
  const author = await db.user.create({
    data: { email: `ann-${tag}@example.com`, handle: `ann_${tag}`, displayName: "Ann" },
  });
  const other = await db.user.create({
    data: { email: `bob-${tag}@example.com`, handle: `bob_${tag}`, displayName: "Bob" },
  });
  const discussion = await db.discussion.create({ data: { title, createdById: author.id } });
  const thread: SeededThread = {
    discussionId: discussion.id,
    authorId: author.id,
    otherId: other.id,
    messageIds: [],
  };
  await addMessages(db, thread, bodies);
  return thread;
}

/** Appends messages to a seeded thread, alternating authors, each later than the last. */
export async function addMessages(
  db: Database,
  thread: SeededThread,
  bodies: string[],
): Promise<string[]> {
  const last = await db.message.findFirst({
    where: { discussionId: thread.discussionId },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  let at = last ? last.createdAt.getTime() : Date.UTC(2026, 0, 1);
  const ids: string[] = [];
  for (const [index, body] of bodies.entries()) {
    at += 1000;
    const message = await db.message.create({
      data: {
        discussionId: thread.discussionId,
        authorId: index % 2 === 0 ? thread.authorId : thread.otherId,
        body,
        createdAt: new Date(at),
      },
    });
    ids.push(message.id);
  }
  thread.messageIds.push(...ids);
  return ids;
}
