import { cn } from "./cn";

export function Spinner({ className, label = "Loading" }: { className?: string; label?: string }) {
  return (
    <span role="status" className={cn("inline-flex items-center", className)}>
      <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-accent-600" />
      <span className="sr-only">{label}</span>
    </span>
  );
}
