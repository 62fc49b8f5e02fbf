import type { RouterInputs, RouterOutputs } from "@parley/api";

export type ReviewPage = RouterOutputs["review"]["list"];
export type ReviewItem = ReviewPage["items"][number];
export type ReviewKind = ReviewItem["kind"];
export type ReviewStatus = ReviewItem["status"];
export type ReviewAction = RouterInputs["review"]["resolve"]["action"];

export interface ReviewFilter {
  status: ReviewStatus;
  kind: ReviewKind | null;
}

export const reviewStatuses: ReviewStatus[] = ["open", "approved", "rejected", "dismissed"];
export const reviewKinds: ReviewKind[] = ["message_held", "message_flagged", "message_blocked", "message_redacted", "account_rate_limited"];

export const kindLabels: Record<ReviewKind, string> = {
  message_held: "Held",
  message_flagged: "Flagged",
  message_blocked: "Blocked",
  message_redacted: "Redacted",
  account_rate_limited: "Rate limited",
};

export const statusLabels: Record<ReviewStatus, string> = { open: "Open", approved: "Approved", rejected: "Rejected", dismissed: "Dismissed" };

function pick<T extends string>(value: string | string[] | undefined, allowed: readonly T[]): T | null {
  const first = Array.isArray(value) ? value[0] : value;
  return allowed.find((option) => option === first) ?? null;
}

/** The queue's filter from the page's search params (open, every kind, by default). */
export function parseReviewFilter(params: Record<string, string | string[] | undefined>): ReviewFilter {
  return { status: pick(params.status, reviewStatuses) ?? "open", kind: pick(params.kind, reviewKinds) };
}

export function reviewFilterHref(filter: ReviewFilter): string {
  const params = new URLSearchParams();
  if (filter.status !== "open") params.set("status", filter.status);
  if (filter.kind) params.set("kind", filter.kind);
  const query = params.toString();
  return query ? `/admin?${query}` : "/admin";
}
