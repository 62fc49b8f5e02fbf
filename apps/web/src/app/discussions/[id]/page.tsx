import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { Thread } from "~/components/thread/thread";
import { MESSAGE_PAGE_SIZE } from "~/components/thread/constants";
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

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const discussion = await loadDiscussion((await params).id);
  return { title: discussion?.title ?? "Discussion not found" };
}

export default async function DiscussionPage({ params }: Props) {
  const { id } = await params;
  const discussion = await loadDiscussion(id);
  if (!discussion) notFound();
  const firstPage = await (await serverApi()).message.list({ discussionId: id, limit: MESSAGE_PAGE_SIZE });
  return <Thread initialDiscussion={discussion} firstPage={firstPage} />;
}
