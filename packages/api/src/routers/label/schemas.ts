import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";

export const labelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string(),
  description: z.string(),
});

export const saveLabelInput = z.object({
  id: z.uuid().optional(),
  name: text()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N} _.-]+$/u, "Use letters, digits, spaces, dots, dashes or underscores"),
  color: text()
    .regex(/^#[0-9a-fA-F]{6}$/, "A colour like #3b82f6")
    .default("#64748b"),
  description: text().trim().max(300).default(""),
});

export const setLabelInput = z.object({ discussionId: z.uuid(), labelId: z.uuid() });

export const listLabelsRoute = restRoute("GET", "/labels", {
  summary: "The label set",
  description: "Every label, by name. Filter discussions by one with `GET /discussions?labelId=`.",
  tag: "Labels",
  auth: "none",
  errors: [],
});
export const saveLabelRoute = restRoute("POST", "/labels", {
  summary: "Create or update a label (admins)",
  description:
    "Without `id` a new label; with `id` that label's new name, colour and description. Audited. Through a personal token it needs the `admin` scope.",
  tag: "Labels",
  auth: "required",
  errors: [401, 403, 404, 409],
});
export const addLabelRoute = restRoute("POST", "/discussions/{discussionId}/labels", {
  summary: "Apply a label to a discussion (moderators)",
  description:
    "Returns the discussion with its labels; applying one it already has changes nothing. Audited and announced live (`discussion.updated`).",
  tag: "Labels",
  auth: "required",
  errors: [401, 403, 404],
});
export const removeLabelRoute = restRoute("DELETE", "/discussions/{discussionId}/labels/{labelId}", {
  summary: "Remove a label from a discussion (moderators)",
  description: "Returns the discussion with its labels. Audited and announced live.",
  tag: "Labels",
  auth: "required",
  errors: [400, 401, 403, 404],
});
