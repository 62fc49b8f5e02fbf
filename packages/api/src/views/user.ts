import { z } from "zod";

export const userRefSchema = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string() });
export type UserRef = z.infer<typeof userRefSchema>;

export const userRefSelect = { id: true, handle: true, displayName: true } as const;

export const roleSchema = z.enum(["member", "moderator", "admin"]);

export const selfUserSchema = userRefSchema.extend({
  email: z.email(),
  role: roleSchema,
  status: z.enum(["active", "suspended", "banned"]),
  suspendedUntil: z.iso.datetime().nullable(),
  /** Why the account is suspended, while it is. */
  statusReason: z.string().nullable(),
});
export type SelfUser = z.infer<typeof selfUserSchema>;
