"use client";

import Link from "next/link";
import { errorMessage } from "~/trpc/errors";
import { api } from "~/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

const kindNames = {
  mention: "mentions",
  reply: "replies",
  review: "new review-queue items",
} as const;

export function UnsubscribeForm({ token }: { token: string }) {
  const unsubscribe = api.auth.unsubscribe.useMutation();
  if (unsubscribe.data)
    return (
      <p role="status" className="text-sm text-zinc-700">
        You will get no more mail about{" "}
        {unsubscribe.data.kinds.map((k) => kindNames[k]).join(" or ")}. Change this any time on the{" "}
        <Link href="/settings/account" className="underline">
          Account page
        </Link>
        .
      </p>
    );
  return (
    <div className="space-y-4">
      {unsubscribe.error ? <Alert>{errorMessage(unsubscribe.error)}</Alert> : null}
      <Button
        className="w-full"
        disabled={unsubscribe.isPending}
        onClick={() => unsubscribe.mutate({ token })}
      >
        {unsubscribe.isPending ? "Unsubscribing…" : "Stop these mails"}
      </Button>
    </div>
  );
}
