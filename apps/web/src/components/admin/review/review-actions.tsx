"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { TextAreaField, TextField } from "../../ui/field";
import { type ReviewAction, type ReviewItem } from "./types";

type Mode = "choosing" | "rejecting" | "editing";

/** Approve, reject (with a reason the author sees), redact, edit or dismiss one item. */
export function ReviewActions({ item, onResolved }: { item: ReviewItem; onResolved: (item: ReviewItem) => void }) {
  const [mode, setMode] = useState<Mode>("choosing");
  const [reason, setReason] = useState("");
  const [body, setBody] = useState(item.message?.body ?? "");
  const resolve = api.review.resolve.useMutation({ onSuccess: onResolved });
  const message = item.message;
  const live = message !== null && message.deletedAt === null;

  function act(action: ReviewAction, extra: { reason?: string; body?: string } = {}) {
    resolve.mutate({ id: item.id, action, ...extra });
  }

  function onReject(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    act("reject", reason.trim() ? { reason: reason.trim() } : {});
  }

  function onEdit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim()) act("edit", { body });
  }

  const pending = resolve.isPending;
  return (
    <div className="mt-3 border-t border-zinc-100 pt-3">
      {mode === "choosing" ? (
        <div className="flex flex-wrap gap-1.5" role="group" aria-label="Decide">
          {live || !message ? (
            <Button size="sm" disabled={pending} onClick={() => act("approve")} title={message ? "Publish the message as it is" : "Nothing to do about it"}>
              Approve
            </Button>
          ) : null}
          {message ? (
            <>
              <Button variant="secondary" size="sm" disabled={pending} onClick={() => setMode("rejecting")}>
                Reject
              </Button>
              {live ? (
                <>
                  <Button variant="secondary" size="sm" disabled={pending} onClick={() => act("redact")} title="Publish with the offending words replaced">
                    Redact
                  </Button>
                  <Button variant="secondary" size="sm" disabled={pending} onClick={() => setMode("editing")}>
                    Edit
                  </Button>
                </>
              ) : null}
            </>
          ) : null}
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => act("dismiss")} title="Close the item and leave the message as it is">
            Dismiss
          </Button>
        </div>
      ) : mode === "rejecting" ? (
        <form onSubmit={onReject} className="space-y-2" aria-label="Reject the message">
          <TextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} autoFocus hint="The author sees it on their message." />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setMode("choosing")}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" size="sm" disabled={pending}>
              {pending ? "Rejecting…" : "Reject message"}
            </Button>
          </div>
        </form>
      ) : (
        <form onSubmit={onEdit} className="space-y-2" aria-label="Edit and publish the message">
          <TextAreaField label="New text" value={body} onChange={(event) => setBody(event.target.value)} maxLength={20000} rows={4} autoFocus hint="Published in place of the original, which stays in the message's history." />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setMode("choosing")}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={pending || !body.trim()}>
              {pending ? "Saving…" : "Save and publish"}
            </Button>
          </div>
        </form>
      )}
      {resolve.error ? <Alert className="mt-2">{errorMessage(resolve.error)}</Alert> : null}
    </div>
  );
}
