import type { Prisma } from "../generated/prisma/client";
import { discussions, genericReplies, labels, spamMessage, users, type DemoDiscussion } from "./content";
import { Random } from "./random";
import { uuid7 } from "../uuid7";

/** Every row of the demo community, ready for createMany, in insertion order. */
export interface DemoPlan {
  users: Prisma.UserCreateManyInput[];
  labels: Prisma.LabelCreateManyInput[];
  discussions: Prisma.DiscussionCreateManyInput[];
  discussionLabels: Prisma.DiscussionLabelCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
  revisions: Prisma.MessageRevisionCreateManyInput[];
  auditLog: Prisma.AuditLogCreateManyInput[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ADMIN = 0;
const MODERATOR = 1;

interface PlannedUser {
  id: string;
  createdAt: Date;
}

/**
 * Builds the demo community relative to `now`: discussions started over the last five weeks,
 * nested replies, a few edited messages with their earlier versions, one spam message removed
 * by a moderator (its account banned). Counters and activity times match the messages.
 * `passwordHashes[i]` belongs to `users[i]`; the spam account gets the last one.
 */
export function buildDemoPlan(options: { now: Date; seed?: number; passwordHashes: string[] }): DemoPlan {
  const random = new Random(options.seed ?? 20261126);
  const now = options.now.getTime();
  const hashFor = (i: number) => {
    const hash = options.passwordHashes[i] ?? options.passwordHashes.at(-1);
    if (!hash) throw new Error("buildDemoPlan needs at least one password hash");
    return hash;
  };
  const plan: DemoPlan = { users: [], labels: [], discussions: [], discussionLabels: [], messages: [], revisions: [], auditLog: [] };

  // People joined six to five weeks ago; the spam account a week ago.
  const people: PlannedUser[] = users.map((user, i) => {
    const createdAt = new Date(now - 45 * DAY + i * 11 * HOUR + random.int(0, 60) * MINUTE);
    const id = uuid7(createdAt.getTime());
    plan.users.push({
      id,
      email: user.email.toLowerCase(),
      handle: user.handle,
      displayName: user.displayName,
      passwordHash: hashFor(i),
      role: user.role,
      // Demo people confirmed their addresses when they joined; the spam account never did.
      emailVerifiedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    });
    plan.auditLog.push({
      actorId: id,
      action: "account.created",
      targetType: "user",
      targetId: id,
      after: { role: i === ADMIN ? "admin" : "member" },
      createdAt,
    });
    return { id, createdAt };
  });
  const admin = people[ADMIN] as PlannedUser;
  const moderator = people[MODERATOR] as PlannedUser;
  const promotedAt = new Date(moderator.createdAt.getTime() + 2 * HOUR);
  plan.auditLog.push({
    actorId: admin.id,
    action: "user.updated",
    targetType: "user",
    targetId: moderator.id,
    before: { role: "member" },
    after: { role: "moderator" },
    createdAt: promotedAt,
  });

  const labelIds = new Map<string, string>();
  for (const label of labels) {
    const createdAt = new Date(now - 40 * DAY + random.int(0, 120) * MINUTE);
    const id = uuid7(createdAt.getTime());
    labelIds.set(label.name, id);
    plan.labels.push({ id, name: label.name, color: label.color, description: label.description, createdAt });
  }

  // The spam lands in the discussion active latest, from an account made a few days before.
  const threads = discussions.map((discussion, i) => planThread(discussion, i));
  const spamThread = threads.reduce((a, b) => (b.end > a.end ? b : a));
  spamThread.spamAt = Math.max(spamThread.end - random.int(10, 120) * MINUTE, spamThread.start + MINUTE);
  const spammerCreatedAt = new Date(spamThread.spamAt - random.int(24, 72) * HOUR);
  const spammer: PlannedUser = { id: uuid7(spammerCreatedAt.getTime()), createdAt: spammerCreatedAt };
  plan.users.push({
    id: spammer.id,
    email: "deals4you@example.net",
    handle: "deals4you",
    displayName: "Deals4You",
    passwordHash: hashFor(users.length),
    role: "member",
    status: "banned",
    createdAt: spammerCreatedAt,
    updatedAt: spammerCreatedAt,
  });
  plan.auditLog.push({
    actorId: spammer.id,
    action: "account.created",
    targetType: "user",
    targetId: spammer.id,
    after: { role: "member" },
    createdAt: spammerCreatedAt,
  });

  for (const thread of threads) addThread(thread);
  return plan;

  interface Thread {
    discussion: DemoDiscussion;
    start: number;
    end: number;
    bodies: string[];
    spamAt?: number;
  }

  function planThread(discussion: DemoDiscussion, index: number): Thread {
    // The welcome post is the oldest; the others started between five weeks and two days ago.
    const start = index === 0 ? now - 36 * DAY : now - random.int(2 * 24, 34 * 24) * HOUR - random.int(0, 59) * MINUTE;
    const span = random.int(12, 14 * 24) * HOUR;
    const end = Math.min(start + span, now - random.int(5, 180) * MINUTE);
    const size = Math.max(random.int(18, 40), discussion.replies.length + 6);
    // Topic replies keep their order (they answer each other); generic ones go in between.
    const bodies = [...discussion.replies];
    const fillers = random.shuffle(genericReplies);
    while (bodies.length < size - 1) {
      const filler = fillers.pop() ?? random.pick(genericReplies);
      bodies.splice(random.int(1, bodies.length), 0, filler);
    }
    return { discussion, start, end, bodies: [discussion.opening, ...bodies] };
  }

  function addThread(thread: Thread): void {
    const { discussion, start, end } = thread;
    const creator = people[discussion.author] as PlannedUser;
    const discussionId = uuid7(start);

    const times = [start, ...thread.bodies.slice(1).map(() => random.int(start + MINUTE, end))].sort((a, b) => a - b);
    const entries = thread.bodies.map((body, i) => ({ body, at: times[i] as number, spam: false }));
    for (let i = 1; i < entries.length; i++) {
      const entry = entries[i] as { at: number };
      entry.at = Math.max(entry.at, (entries[i - 1] as { at: number }).at + 1000);
    }
    if (thread.spamAt !== undefined) {
      entries.push({ body: spamMessage, at: thread.spamAt, spam: true });
      entries.sort((a, b) => a.at - b.at);
    }

    const written: { id: string; authorId: string; spam: boolean }[] = [];
    for (const [i, entry] of entries.entries()) {
      const createdAt = new Date(entry.at);
      const id = uuid7(entry.at);
      let parentId: string | null = null;
      let authorId = creator.id;
      if (entry.spam) {
        authorId = spammer.id;
      } else if (i > 0) {
        // Replies mostly answer one of the last few messages, which makes nested threads.
        const candidates = written.slice(-6).filter((m) => !m.spam);
        const parent = random.chance(0.6) && candidates.length > 0 ? random.pick(candidates) : undefined;
        parentId = parent?.id ?? null;
        const others = people.filter((p) => p.id !== parent?.authorId);
        authorId = random.chance(0.25) && creator.id !== parent?.authorId ? creator.id : random.pick(others).id;
      }
      const message: Prisma.MessageCreateManyInput = { id, discussionId, parentId, authorId, body: entry.body, createdAt };
      if (entry.spam) {
        const deletedAt = new Date(Math.min(entry.at + random.int(5, 45) * MINUTE, now));
        message.deletedAt = deletedAt;
        message.deletedById = moderator.id;
        plan.auditLog.push(
          { actorId: moderator.id, action: "message.deleted", targetType: "message", targetId: id, createdAt: deletedAt },
          {
            actorId: admin.id,
            action: "user.updated",
            targetType: "user",
            targetId: spammer.id,
            before: { status: "active" },
            after: { status: "banned" },
            createdAt: new Date(Math.min(deletedAt.getTime() + 2 * MINUTE, now)),
          },
        );
      } else if (random.chance(0.03) || (i === 0 && discussion.author !== ADMIN && random.chance(0.3))) {
        addEdits(message, entry.at);
      }
      plan.messages.push(message);
      written.push({ id, authorId, spam: entry.spam });
    }

    const last = entries.at(-1)?.at ?? start;
    const status = discussion.closed ? "closed" : "open";
    const updatedAt = discussion.closed ? Math.min(last + random.int(10, 180) * MINUTE, now) : last;
    plan.discussions.push({
      id: discussionId,
      title: discussion.title,
      status,
      createdById: creator.id,
      messageCount: entries.length,
      lastActivityAt: new Date(last),
      createdAt: new Date(start),
      updatedAt: new Date(updatedAt),
    });
    for (const name of discussion.labels) {
      const labelId = labelIds.get(name);
      if (!labelId) throw new Error(`Unknown demo label ${name}`);
      const triage = name === "resolved" ? updatedAt : start + random.int(2, 90) * MINUTE;
      const appliedById = name === "announcement" || name === "resolved" ? moderator.id : creator.id;
      plan.discussionLabels.push({ discussionId, labelId, appliedById, createdAt: new Date(Math.min(triage, now)) });
    }
  }

  /** One or two edits: each revision row keeps the body as it was before that edit. */
  function addEdits(message: Prisma.MessageCreateManyInput, postedAt: number): void {
    const edits = random.chance(0.3) ? 2 : 1;
    const versions = [message.body];
    for (let i = 0; i < edits; i++) versions.unshift(earlierDraft(versions[0] as string));
    let at = postedAt;
    for (let i = 0; i < edits; i++) {
      at = Math.min(at + random.int(2, 90) * MINUTE, now);
      plan.revisions.push({
        id: uuid7(at),
        messageId: message.id as string,
        body: versions[i] as string,
        editedById: message.authorId,
        createdAt: new Date(at),
      });
    }
    message.editedAt = new Date(at);
  }

  /** What a message plausibly said before an edit: without its last sentence, or with a typo. */
  function earlierDraft(body: string): string {
    const sentences = body.match(/[^.!?]+[.!?]+(\s+|$)/g);
    if (sentences && sentences.length > 1) return sentences.slice(0, -1).join("").trim();
    if (body.includes(" the ")) return body.replace(" the ", " teh ");
    return /[.!?]$/.test(body) ? body.slice(0, -1) : `${body} (draft)`;
  }
}
