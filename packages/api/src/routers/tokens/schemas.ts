import { z } from "zod";

export const scopeSchema = z.enum(["read", "write"]);

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
  name: z.string().trim().min(1).max(80),
  scopes: z.array(scopeSchema).min(1).max(2),
  expiresInDays: z.number().int().min(1).max(365).nullish(),
});

export const createTokenOutput = tokenSchema.extend({ token: z.string() });
export const revokeTokenInput = z.object({ id: z.uuid() });
