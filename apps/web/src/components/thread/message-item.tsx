"use client";

import { useId, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { isModerator, useViewer } from "../viewer";
import { Alert } from "../ui/alert";
import { Avatar } from "../ui/avatar";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";
import { MessageStatusNote } from "../moderation/message-status-note";
import { Markdown } from "../markdown/markdown";
import { MessageAttachments } from "../attachments/message-attachments";
import { Composer } from "./composer";
import { EditForm } from "./edit-form";
import { FlagButton, mayFlag } from "./flag-button";
import { MessageHistory } from "./message-history";
import { type MessageNode } from "./message-tree";
import { type Discussion, type MessageView } from "./types";
import { useThreadCache } from "./use-thread-cache";

// Deeper replies keep the indentation of this level, so long chains stay readable on phones.
const MAX_INDENT_DEPTH = 4;

type Mode = "reading" | "editing" | "replying" | "confirming-delete";

export function MessageItem({
  node,
  discussion,
  depth,
  isOpening = false,
}: {
  node: MessageNode;
  discussion: Discussion;
  depth: number;
  isOpening?: boolean;
}) {
  const { message, replies } = node;
  return (
    <li id={`message-${message.id}`} data-testid="message" data-message-id={message.id} className="scroll-mt-20">
      <MessageCard message={message} discussion={discussion} isOpening={isOpening} />
      {replies.length > 0 ? (
        <ol
          aria-label={`Replies to ${message.author.displayName}`}
          className={cn("mt-3 space-y-3", depth < MAX_INDENT_DEPTH && "ml-4 border-l-2 border-zinc-200 pl-3 sm:ml-5 sm:pl-5")}
        >
          {replies.map((child) => (
            <MessageItem key={child.message.id} node={child} discussion={discussion} depth={depth + 1} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function MessageCard({ message, discussion, isOpening }: { message: MessageView; discussion: Discussion; isOpening: boolean }) {
  const viewer = useViewer();
  const cache = useThreadCache(message.discussionId);
  const historyId = useId();
  const [mode, setMode] = useState<Mode>("reading");
  const [showHistory, setShowHistory] = useState(false);
  const remove = api.message.delete.useMutation({
    onSuccess: (deleted) => {
      cache.putMessage(deleted);
      setMode("reading");
    },
  });

  const deleted = message.deletedAt !== null;
  const open = discussion.status === "open";
  const isAuthor = viewer?.id === message.author.id;
  const canReply = viewer !== null && open && !deleted && !isOpening;
  const canEdit = isAuthor && open && !deleted;
  const canDelete = (isAuthor || isModerator(viewer)) && !deleted;
  const edited = message.editedAt !== null && !deleted;

  return (
    <article
      aria-label={`Message from ${message.author.displayName}`}
      className={cn(
        "flex gap-3 rounded-xl border bg-white shadow-sm",
        isOpening ? "border-zinc-200 p-5" : "border-zinc-200/80 px-4 py-3.5",
        deleted && "border-dashed bg-zinc-50 shadow-none",
      )}
    >
      <Avatar id={message.author.id} name={message.author.displayName} size={isOpening ? "md" : "sm"} />
      <div className="min-w-0 flex-1">
        <header className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
          <span className="font-semibold text-zinc-900">{message.author.displayName}</span>
          {message.author.id === discussion.createdBy.id && !isOpening ? <Badge tone="accent">Author</Badge> : null}
          <span className="text-zinc-500">
            <RelativeTime iso={message.createdAt} />
          </span>
          {edited ? (
            <button
              type="button"
              className="rounded text-zinc-500 underline decoration-dotted underline-offset-2 hover:text-zinc-800"
              aria-expanded={showHistory}
              aria-controls={historyId}
              onClick={() => setShowHistory((value) => !value)}
              title="Show edit history"
            >
              edited
            </button>
          ) : null}
        </header>

        {deleted ? (
          <p className="mt-1 text-sm italic text-zinc-500">Message deleted</p>
        ) : mode === "editing" ? (
          <EditForm message={message} onDone={() => setMode("reading")} />
        ) : (
          <Markdown source={message.body} testId="message-body" className={cn("mt-1 leading-relaxed text-zinc-800", isOpening ? "text-[15px]" : "text-sm")} />
        )}
        {!deleted && mode !== "editing" ? <MessageAttachments attachments={message.attachments} /> : null}
        <MessageStatusNote message={message} />

        {mode === "confirming-delete" ? (
          <div className="mt-3 flex flex-wrap items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900" role="group" aria-label="Confirm deletion">
            <span className="mr-auto">Delete this message? Replies stay in place.</span>
            <Button variant="ghost" size="sm" onClick={() => setMode("reading")} autoFocus>
              Keep
            </Button>
            <Button variant="danger" size="sm" disabled={remove.isPending} onClick={() => remove.mutate({ id: message.id })}>
              {remove.isPending ? "Deleting…" : "Delete"}
            </Button>
          </div>
        ) : null}
        {remove.error ? <Alert className="mt-2">{errorMessage(remove.error)}</Alert> : null}

        {mode === "reading" && (canReply || canEdit || canDelete || mayFlag(viewer, message)) ? (
          <div className="-mb-1.5 -ml-2 mt-1.5 flex flex-wrap gap-0.5">
            {canReply ? (
              <Button variant="ghost" size="xs" onClick={() => setMode("replying")}>
                Reply
              </Button>
            ) : null}
            {canEdit ? (
              <Button variant="ghost" size="xs" onClick={() => setMode("editing")}>
                Edit
              </Button>
            ) : null}
            {canDelete ? (
              <Button variant="ghost" size="xs" className="hover:text-red-700" onClick={() => setMode("confirming-delete")}>
                Delete
              </Button>
            ) : null}
            <FlagButton viewer={viewer} message={message} />
          </div>
        ) : null}

        {showHistory && edited ? <MessageHistory message={message} id={historyId} /> : null}

        {mode === "replying" ? (
          <div className="mt-3">
            <Composer discussionId={message.discussionId} parent={message} onPosted={() => setMode("reading")} onCancel={() => setMode("reading")} />
          </div>
        ) : null}
      </div>
    </article>
  );
}
