import { cn } from "./ui/cn";

type SubscriptionStatus = "idle" | "connecting" | "pending" | "error";

/** Whether live updates are flowing: "pending" is tRPC's name for a connected subscription. */
export function LiveIndicator({ status }: { status: SubscriptionStatus }) {
  const connected = status === "pending";
  const label = connected ? "Live" : status === "error" ? "Live updates paused" : "Connecting…";
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-zinc-500" data-testid="live-status" data-status={status}>
      <span aria-hidden className={cn("size-2 rounded-full", connected ? "bg-emerald-500" : status === "error" ? "bg-red-400" : "animate-pulse bg-amber-400")} />
      {label}
    </span>
  );
}
