import { type ReactNode } from "react";
import { cn } from "./cn";

const tones = {
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  open: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  closed: "bg-zinc-100 text-zinc-600 ring-zinc-300",
  accent: "bg-accent-50 text-accent-700 ring-accent-100",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
} as const;

export function Badge({ tone = "neutral", children, className }: { tone?: keyof typeof tones; children: ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone], className)}>
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: "open" | "closed" }) {
  return (
    <Badge tone={status}>
      <span aria-hidden className={cn("size-1.5 rounded-full", status === "open" ? "bg-emerald-500" : "bg-zinc-400")} />
      {status === "open" ? "Open" : "Closed"}
    </Badge>
  );
}
