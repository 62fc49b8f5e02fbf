"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";
import { Spinner } from "../ui/spinner";
import { useResubscribeOnComplete } from "../use-resubscribe";

const LIST_SIZE = 15;

/** The header's bell: the unread count (live), and a dropdown of recent notifications. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const utils = api.useUtils();
  const unread = api.notification.unreadCount.useQuery();
  const list = api.notification.list.useQuery({ limit: LIST_SIZE }, { enabled: open });
  const markRead = api.notification.markRead.useMutation({
    onSuccess: ({ unreadCount }) => {
      utils.notification.unreadCount.setData(undefined, { count: unreadCount });
      void utils.notification.list.invalidate();
    },
  });

  const live = api.live.notifications.useSubscription(
    {},
    {
      // What arrived before the stream opened is fetched once; events cover the rest.
      onStarted: () => void utils.notification.invalidate(),
      onData: () => void utils.notification.invalidate(),
      onComplete: () => resubscribe(),
    },
  );
  const resubscribe = useResubscribeOnComplete(live.reset);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const count = unread.data?.count ?? 0;
  const items = list.data?.items ?? [];

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        className="relative grid size-9 place-items-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
        aria-label={count > 0 ? `Notifications, ${count} unread` : "Notifications"}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => setOpen((value) => !value)}
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path d="M10 2a6 6 0 0 0-6 6v2.6l-1.4 2.8A1 1 0 0 0 3.5 15h13a1 1 0 0 0 .9-1.6L16 10.6V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 1-2.45-2h4.9A2.5 2.5 0 0 1 10 18Z" />
        </svg>
        {count > 0 ? (
          <span
            className="absolute -right-0.5 -top-0.5 min-w-4.5 rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-4.5 text-white"
            data-testid="notification-count"
          >
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-label="Notifications"
          className="absolute right-0 z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-zinc-100 px-3 py-2">
            <h2 className="text-sm font-semibold text-zinc-900">Notifications</h2>
            <button
              type="button"
              className="text-xs font-medium text-accent-700 hover:underline disabled:text-zinc-400 disabled:no-underline"
              disabled={count === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              Mark all read
            </button>
          </div>
          {list.isPending ? (
            <div className="grid place-items-center p-6">
              <Spinner label="Loading notifications" />
            </div>
          ) : list.isError ? (
            <p className="p-4 text-sm text-red-700">{errorMessage(list.error)}</p>
          ) : items.length === 0 ? (
            <p className="p-4 text-sm text-zinc-500">Nothing yet. Mentions of you and replies to you show up here.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-zinc-100 overflow-auto" data-testid="notification-list">
              {items.map((item) => (
                <li key={item.id} className={cn("flex gap-2 px-3 py-2.5 text-sm", !item.readAt && "bg-accent-50/60")}>
                  <Link
                    href={`/discussions/${item.discussion.id}#message-${item.message.id}`}
                    className="min-w-0 flex-1"
                    onClick={() => {
                      if (!item.readAt) markRead.mutate({ ids: [item.id] });
                      setOpen(false);
                    }}
                  >
                    <span className="block text-zinc-900">
                      <span className="font-medium">{item.actor?.displayName ?? "Someone"}</span>{" "}
                      {item.kind === "mention" ? "mentioned you in" : "replied to you in"}{" "}
                      <span className="font-medium">{item.discussion.title}</span>
                    </span>
                    <span className="mt-0.5 block truncate text-zinc-600">{item.message.excerpt}</span>
                    <RelativeTime iso={item.createdAt} className="mt-0.5 block text-xs text-zinc-500" />
                  </Link>
                  {!item.readAt ? (
                    <button
                      type="button"
                      className="self-start rounded px-1 text-xs text-zinc-500 hover:text-zinc-900"
                      aria-label="Mark read"
                      title="Mark read"
                      onClick={() => markRead.mutate({ ids: [item.id] })}
                    >
                      ✓
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
