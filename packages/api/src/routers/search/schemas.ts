import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";
import { searchHitSchema } from "../../services/search";
import { discussionStatusSchema } from "../../views/discussion";

export const SEARCH_QUERY_MAX = 200;

export const searchInput = z.object({
  /** Web-search syntax: words, "a phrase", -excluded, `or`. */
  q: text().trim().min(1, "Type something to search for").max(SEARCH_QUERY_MAX, `Searches are limited to ${SEARCH_QUERY_MAX} characters`),
  labelId: z.uuid().optional(),
  /** An author's handle (a leading @ is fine). */
  author: text()
    .trim()
    .max(40)
    .regex(/^@?[a-zA-Z0-9-]+$/, "A handle has letters, digits and dashes")
    .optional(),
  status: discussionStatusSchema.optional(),
  /** First day to include (UTC), YYYY-MM-DD. */
  from: z.iso.date().optional(),
  /** Last day to include (UTC), YYYY-MM-DD. */
  to: z.iso.date().optional(),
  cursor: text().max(300).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const searchOutput = z.object({
  items: z.array(searchHitSchema),
  nextCursor: z.string().nullable(),
});

export const searchRoute = restRoute("GET", "/search", {
  summary: "Search discussions and messages",
  description:
    "Full-text search over discussion titles and published messages: title matches above body matches; each ranked by relevance within windows of its newest 100 matches (the newest window first), ties newest first. " +
    '`q` takes web-search syntax: words, "quoted phrases", -excluded words, `or`. A query of only common words finds nothing. ' +
    "Snippets are plain-text segments; `highlighted` ones matched. Pass `nextCursor` as `cursor` for the next page.",
  tag: "Search",
  auth: "optional",
  errors: [400, 401],
});
