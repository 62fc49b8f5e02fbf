/**
 * What the API needs to serve summaries: the serving-time check of their sources. SQL only,
 * no worker runtime.
 */
export { summaryFreshness, type SummaryFreshness, type SummaryRef } from "./sources";
export { summaryResultSchema } from "../contracts";
