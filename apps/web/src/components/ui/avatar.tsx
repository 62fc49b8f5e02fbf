import { cn } from "./cn";

const palette = [
  "bg-rose-100 text-rose-700",
  "bg-amber-100 text-amber-800",
  "bg-emerald-100 text-emerald-700",
  "bg-sky-100 text-sky-700",
  "bg-indigo-100 text-indigo-700",
  "bg-fuchsia-100 text-fuchsia-700",
  "bg-teal-100 text-teal-700",
] as const;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [parts[0]];
  return letters.map((p) => p?.[0] ?? "").join("").toUpperCase() || "?";
}

/** Initials on a colour picked from the user id, so a person keeps their colour everywhere. */
export function Avatar({ id, name, size = "md" }: { id: string; name: string; size?: "sm" | "md" }) {
  // FNV-1a: ids that share a prefix (UUIDv7 timestamps) still spread over the palette.
  let hash = 0x811c9dc5;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  const tone = palette[hash % palette.length];
  return (
    <span
      aria-hidden
      className={cn(
        "inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold",
        size === "sm" ? "size-7 text-[11px]" : "size-9 text-xs",
        tone,
      )}
    >
      {initials(name)}
    </span>
  );
}
