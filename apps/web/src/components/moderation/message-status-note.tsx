import { Badge } from "../ui/badge";

interface Moderated {
  status: "published" | "held" | "rejected";
  statusReason: string | null;
}

const copy = {
  held: { badge: "Held for review", note: "Only its author and the moderators see it until a moderator approves it." },
  rejected: { badge: "Rejected", note: "Only its author and the moderators see it." },
} as const;

/**
 * Shown on a message that is not published. The server sends such messages only to their author
 * and to moderators, so whoever sees this may know the reason.
 */
export function MessageStatusNote({ message }: { message: Moderated }) {
  if (message.status === "published") return null;
  const { badge, note } = copy[message.status];
  return (
    <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-600" data-testid="message-status" data-status={message.status}>
      <Badge tone="amber" className={message.status === "rejected" ? "bg-red-50 text-red-800 ring-red-200" : undefined}>
        {badge}
      </Badge>
      {message.statusReason ? <span className="text-zinc-700">{message.statusReason}</span> : null}
      <span>{note}</span>
    </p>
  );
}
