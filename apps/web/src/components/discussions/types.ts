import type { RouterInputs, RouterOutputs } from "@parley/api";

export type DiscussionSummary = RouterOutputs["discussion"]["get"];
export type DiscussionPage = RouterOutputs["discussion"]["list"];
export type StatusFilter = NonNullable<RouterInputs["discussion"]["list"]["status"]> | "all";

export function parseStatusFilter(value: string | string[] | undefined): StatusFilter {
  return value === "open" || value === "closed" ? value : "all";
}
