import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NewDiscussionForm } from "~/components/discussions/new-discussion-form";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "New discussion" };

export default async function NewDiscussionPage() {
  const { user } = await (await serverApi()).auth.me();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/discussions/new")}`);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Start a discussion</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">Everyone can read it; members can reply. Replies show up live.</p>
      <NewDiscussionForm />
    </div>
  );
}
