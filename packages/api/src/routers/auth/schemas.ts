import { z } from "zod";
import { text } from "../text";
import { passwordSchema } from "../../auth/password";
import { restRoute } from "../../rest/meta";
import { roleSchema, selfUserSchema } from "../../views/user";

const email = z.email("Enter a valid email address").max(254);

export const registerInput = z.object({
  email,
  password: passwordSchema,
  displayName: text().trim().min(1, "Enter a display name").max(60),
});

export const signInInput = z.object({ email, password: text().min(1).max(200) });

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

export const registerRoute = restRoute("POST", "/auth/register", {
  summary: "Create an account",
  description: "Registers an account with email and password. Sign in with POST /auth/login to get a bearer token.",
  tag: "Auth",
  auth: "none",
  errors: [400, 409],
});
export const signInRoute = restRoute("POST", "/auth/login", {
  summary: "Sign in for a bearer token",
  description: "Returns a session token for the Authorization header (`Bearer <token>`) and when it expires. A banned account is refused with 403 and the reason.",
  tag: "Auth",
  auth: "none",
  errors: [400, 401, 403],
});
export const meRoute = restRoute("GET", "/me", {
  summary: "The signed-in account",
  description: "The caller's account, or `user: null` when the request carries no credentials.",
  tag: "Auth",
  auth: "optional",
  errors: [401],
});
