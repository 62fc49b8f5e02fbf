import { z } from "zod";
import { passwordSchema } from "../../auth/password";
import { roleSchema, selfUserSchema } from "../../views/user";

const email = z.email("Enter a valid email address").max(254);

export const registerInput = z.object({
  email,
  password: passwordSchema,
  displayName: z.string().trim().min(1, "Enter a display name").max(60),
});

export const signInInput = z.object({ email, password: z.string().min(1).max(200) });

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  handle: z.string(),
  displayName: z.string(),
  role: roleSchema,
});

export const registerOutput = z.object({ user: accountSchema });
export const signInOutput = z.object({ token: z.string(), expiresAt: z.iso.datetime(), user: accountSchema });
export const meOutput = z.object({ user: selfUserSchema.nullable() });
