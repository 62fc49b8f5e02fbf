import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";

/** `admin` lets the token use its account's moderator and admin rights; only admins may grant it. */
export const scopeSchema = z.enum(["read", "write", "admin"]);

export const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const createTokenInput = z.object({
  name: text().trim().min(1).max(80),
  scopes: z.array(scopeSchema).min(1).max(3),
  expiresInDays: z.number().int().min(1).max(365).nullish(),
});

export const createTokenOutput = tokenSchema.extend({ token: z.string() });
export const revokeTokenInput = z.object({ id: z.uuid() });

export const listTokensRoute = restRoute("GET", "/tokens", {
  summary: "Your API tokens",
  description: "Without their secrets, which are shown once at creation.",
  tag: "Tokens",
  auth: "required",
  errors: [401],
});
export const createTokenRoute = restRoute("POST", "/tokens", {
  summary: "Create a personal API token",
  description:
    "The answer holds the secret (`token`), shown this once. Scopes: `read`, `write`, and `admin` (an admin's moderator and admin rights; refused to other accounts). Honours `Idempotency-Key`.",
  tag: "Tokens",
  auth: "required",
  errors: [401, 403],
});
export const revokeTokenRoute = restRoute("DELETE", "/tokens/{id}", {
  summary: "Revoke an API token",
  tag: "Tokens",
  auth: "required",
  errors: [400, 401, 404],
});
