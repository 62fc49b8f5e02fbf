import Link from "next/link";
import { cn } from "../ui/cn";
import { type StatusFilter } from "./types";

const options: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "open", label: "Open" },
  { value: "closed", label: "Closed" },
];

export function StatusFilterTabs({ current }: { current: StatusFilter }) {
  return (
    <nav aria-label="Filter by status" className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5 shadow-sm">
      {options.map((option) => {
        const active = option.value === current;
        return (
          <Link
            key={option.value}
            href={option.value === "all" ? "/" : `/?status=${option.value}`}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium transition-colors",
              active ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
            )}
          >
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}
