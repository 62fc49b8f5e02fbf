"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { useViewer } from "../../viewer";
import { Alert } from "../../ui/alert";
import { Avatar } from "../../ui/avatar";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { RelativeTime } from "../../ui/relative-time";
import { ReasonForm } from "./reason-form";
import { SUSPENSION_PERIODS, suspendedUntil } from "./suspension";
import { type ModeratedUser, type Role } from "./types";

type Mode = "reading" | "suspending" | "banning";
const roles: Role[] = ["member", "moderator", "admin"];

function StatusBadge({ user }: { user: ModeratedUser }) {
  if (user.status === "active") return <Badge tone="open">Active</Badge>;
  if (user.status === "banned") return <Badge className="bg-red-50 text-red-800 ring-red-200">Banned</Badge>;
  return <Badge tone="amber">Suspended</Badge>;
}

export function UserRow({ user, onChanged }: { user: ModeratedUser; onChanged: (user: ModeratedUser) => void }) {
  const viewer = useViewer();
  const [mode, setMode] = useState<Mode>("reading");
  const [period, setPeriod] = useState<string>(SUSPENSION_PERIODS[2].id);
  const done = (changed: ModeratedUser) => {
    onChanged(changed);
    setMode("reading");
  };
  const suspend = api.moderation.suspend.useMutation({ onSuccess: done });
  const ban = api.moderation.ban.useMutation({ onSuccess: done });
  const reinstate = api.moderation.reinstate.useMutation({ onSuccess: done });
  const setRole = api.moderation.setRole.useMutation({ onSuccess: done });
  const sendReset = api.moderation.sendPasswordReset.useMutation();

  const isSelf = viewer?.id === user.id;
  const isAdmin = viewer?.role === "admin";
  // Moderators act on members only, admins on anyone but themselves; the server decides either way.
  const mayAct = !isSelf && (isAdmin || user.role === "member");
  const error = suspend.error ?? ban.error ?? reinstate.error ?? setRole.error ?? sendReset.error;

  return (
    <li className="px-4 py-3" data-testid="user-row" data-user-id={user.id}>
      <div className="flex flex-wrap items-start gap-3">
        <Avatar id={user.id} name={user.displayName} size="sm" />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
            <span className="font-medium text-zinc-900">{user.displayName}</span>
            <span className="text-zinc-500">@{user.handle}</span>
            {user.role !== "member" ? <Badge tone="accent">{user.role === "admin" ? "Admin" : "Moderator"}</Badge> : null}
            <StatusBadge user={user} />
          </p>
          <p className="mt-0.5 text-xs text-zinc-500">
            {user.email ? <>{user.email} · </> : null}
            joined <RelativeTime iso={user.createdAt} />
          </p>
          {user.status !== "active" ? (
            <p className="mt-1 text-xs text-zinc-700">
              {user.status === "suspended" && user.suspendedUntil ? (
                <>
                  Until{" "}
                  <time dateTime={user.suspendedUntil} suppressHydrationWarning>
                    {new Date(user.suspendedUntil).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                  {user.statusReason ? ". " : ""}
                </>
              ) : null}
              {user.statusReason ? <>Reason: {user.statusReason}</> : null}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-1">
          {isAdmin && !isSelf ? (
            <select
              aria-label={`Role of ${user.displayName}`}
              value={user.role}
              disabled={setRole.isPending}
              onChange={(event) => {
                const role = roles.find((r) => r === event.target.value);
                if (role) setRole.mutate({ userId: user.id, role });
              }}
              className="h-7 rounded-md border border-zinc-300 bg-white px-1.5 text-xs"
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          ) : null}
          {isAdmin && !isSelf && user.status !== "banned" ? (
            <Button variant="ghost" size="xs" disabled={sendReset.isPending || sendReset.isSuccess} onClick={() => sendReset.mutate({ userId: user.id })}>
              {sendReset.isSuccess ? "Reset link sent" : sendReset.isPending ? "Sending…" : "Send reset link"}
            </Button>
          ) : null}
          {mayAct && mode === "reading" ? (
            user.status === "active" ? (
              <>
                <Button variant="ghost" size="xs" onClick={() => setMode("suspending")}>
                  Suspend
                </Button>
                <Button variant="ghost" size="xs" className="hover:text-red-700" onClick={() => setMode("banning")}>
                  Ban
                </Button>
              </>
            ) : (
              <>
                {user.status === "suspended" ? (
                  <Button variant="ghost" size="xs" className="hover:text-red-700" onClick={() => setMode("banning")}>
                    Ban
                  </Button>
                ) : null}
                <Button variant="secondary" size="xs" disabled={reinstate.isPending} onClick={() => reinstate.mutate({ userId: user.id })}>
                  {reinstate.isPending ? "Reinstating…" : "Reinstate"}
                </Button>
              </>
            )
          ) : null}
        </div>
      </div>

      {mode === "suspending" ? (
        <ReasonForm
          label={`Suspend ${user.displayName}`}
          submitLabel="Suspend"
          pending={suspend.isPending}
          onCancel={() => setMode("reading")}
          onSubmit={(reason) => suspend.mutate({ userId: user.id, reason, until: suspendedUntil(period, Date.now()) })}
        >
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            For
            <select value={period} onChange={(event) => setPeriod(event.target.value)} className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm">
              {SUSPENSION_PERIODS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </ReasonForm>
      ) : null}
      {mode === "banning" ? (
        <ReasonForm
          label={`Ban ${user.displayName}`}
          submitLabel="Ban account"
          danger
          pending={ban.isPending}
          onCancel={() => setMode("reading")}
          onSubmit={(reason) => ban.mutate({ userId: user.id, reason })}
        >
          <p className="text-sm text-zinc-700">A ban refuses every sign-in and revokes the account&apos;s tokens until it is reinstated.</p>
        </ReasonForm>
      ) : null}
      {error ? <Alert className="mt-2">{errorMessage(error)}</Alert> : null}
    </li>
  );
}
