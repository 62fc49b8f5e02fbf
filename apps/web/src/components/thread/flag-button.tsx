"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { type Viewer } from "../viewer";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { type MessageView } from "./types";

type FlagReason = "spam" | "abuse" | "off_topic" | "other";
const reasons: { value: FlagReason; label: string }[] = [
  { value: "abuse", label: "Abusive or harassing" },
  { value: "spam", label: "Spam" },
  { value: "off_topic", label: "Off topic" },
  { value: "other", label: "Something else" },
];

/** Members flag others' published messages; a suspended account cannot (the server says so too). */
export function mayFlag(viewer: Viewer | null, message: MessageView): boolean {
  return viewer !== null && viewer.status !== "suspended" && viewer.id !== message.author.id && message.deletedAt === null && message.status === "published";
}

/** "Flag" in a message's actions: a reason and an optional note for the moderators. */
export function FlagButton({ viewer, message }: { viewer: Viewer | null; message: MessageView }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<FlagReason>("abuse");
  const [note, setNote] = useState("");
  const flag = api.flag.create.useMutation({ onSuccess: () => setOpen(false) });
  if (!mayFlag(viewer, message)) return null;

  if (flag.isSuccess) {
    return (
      <span role="status" className="inline-flex h-7 items-center px-2 text-xs text-zinc-500" data-testid="flag-sent">
        Flagged. Thanks, a moderator will look at it.
      </span>
    );
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    flag.mutate({ messageId: message.id, reason, ...(note.trim() ? { note: note.trim() } : {}) });
  }

  return (
    <>
      <Button variant="ghost" size="xs" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        Flag
      </Button>
      {open ? (
        <form onSubmit={onSubmit} aria-label="Flag this message" className="mb-1.5 ml-2 mt-2 w-full space-y-2 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800">What is wrong with it?</legend>
            <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
              {reasons.map((option) => (
                <label key={option.value} className="flex items-center gap-1.5 text-sm text-zinc-700">
                  <input type="radio" name="reason" value={option.value} checked={reason === option.value} onChange={() => setReason(option.value)} className="accent-accent-600" />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField label="Note for the moderators (optional)" value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} />
          {flag.error ? <Alert>{errorMessage(flag.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={flag.isPending}>
              {flag.isPending ? "Sending…" : "Send flag"}
            </Button>
          </div>
        </form>
      ) : null}
    </>
  );
}
