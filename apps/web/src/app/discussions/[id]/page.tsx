import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { Thread } from "~/components/thread/thread";
import { pageInput, startParam, type ThreadStart } from "~/components/thread/thread-window";
import { type ReadPosition } from "~/components/thread/types";
import { serverApi } from "~/trpc/server";

interface Props {
  params: Promise<{ id: string }>;
}

/** The discussion, or null when the id is malformed or unknown (both a 404). */
const loadDiscussion = cache(async (id: string) => {
  if (!z.uuid().safeParse(id).success) return null;
  try {
    return await (await serverApi()).discussion.get({ id });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  }
});

const isCode = (error: unknown, code: TRPCError["code"]) => error instanceof TRPCError && error.code === code;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const discussion = await loadDiscussion((await params).id);
  return { title: discussion?.title ?? "Discussion not found" };
}

/**
 * Where the thread opens, as Discourse opens a topic: a returning reader at the first message
 * they have not read; a reader who has read everything at the newest message (Discourse lands on
 * their last read post, which is then the last one, where new replies will appear); a first
 * visit, or an anonymous reader, at the opening post, because a thread is read from its start.
 */
function openingStart(position: ReadPosition | null): ThreadStart {
  if (position?.firstUnreadMessageId) return { at: "message", id: position.firstUnreadMessageId };
  if (position?.lastReadMessageId) return { at: "newest" };
  return { at: "first" };
}

export default async function DiscussionPage({ params }: Props) {
  const { id } = await params;
  const discussion = await loadDiscussion(id);
  if (!discussion) notFound();
  const caller = await serverApi();
  const position = await caller.reading.position({ discussionId: id }).catch((error: unknown) => {
    if (isCode(error, "UNAUTHORIZED")) return null;
    throw error;
  });
  let start = openingStart(position);
  let page = await caller.message.list(pageInput(id, startParam(start))).catch((error: unknown) => {
    // The first unread message went away between the two reads: open at the start instead.
    if (start.at === "message" && isCode(error, "NOT_FOUND")) return null;
    throw error;
  });
  if (!page) {
    start = { at: "first" };
    page = await caller.message.list(pageInput(id, startParam(start)));
  }
  return <Thread initialDiscussion={discussion} initialWindow={{ start, page }} initialPosition={position} />;
}
