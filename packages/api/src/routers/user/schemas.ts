import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";
import { userRefSchema } from "../../views/user";

export const searchUsersInput = z.object({ prefix: text().trim().min(1).max(64) });
export const searchUsersOutput = z.object({ items: z.array(userRefSchema) });

export const searchUsersRoute = restRoute("GET", "/users", {
  summary: "Find accounts by handle or name prefix",
  description: "For @mention autocompletion: up to 8 accounts whose handle or display name starts with `prefix`.",
  tag: "Users",
  auth: "required",
  errors: [400, 401],
});
