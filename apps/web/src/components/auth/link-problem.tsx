import Link from "next/link";
import { type LinkProblem } from "@parley/api/server";

const problems: Record<LinkProblem, string> = {
  invalid:
    "This link is not valid. It may have been copied incompletely, or a newer link was sent since.",
  used: "This link was already used.",
  expired: "This link has expired.",
};

/** What a refused mail link shows: what went wrong and what to do next. */
export function LinkProblemNotice({
  problem,
  next,
}: {
  problem: LinkProblem;
  next: { href: string; label: string };
}) {
  return (
    <div role="alert" className="space-y-3 text-sm text-zinc-700">
      <p>{problems[problem]}</p>
      <p>
        <Link href={next.href} className="font-medium text-accent-700 underline">
          {next.label}
        </Link>
      </p>
    </div>
  );
}
