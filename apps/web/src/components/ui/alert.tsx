import { type ReactNode } from "react";
import { cn } from "./cn";

const tones = {
  error: "border-red-200 bg-red-50 text-red-800",
  info: "border-zinc-200 bg-white text-zinc-700",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
} as const;

/** A message block; errors are announced to screen readers as they appear. */
export function Alert({
  tone = "error",
  children,
  className,
}: {
  tone?: keyof typeof tones;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("rounded-md border px-3 py-2.5 text-sm", tones[tone], className)}>
      {children}
    </div>
  );
}
