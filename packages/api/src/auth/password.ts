import { hash, verify } from "@node-rs/argon2";
import { text } from "../routers/text";

// argon2id with the library's defaults (m=19456 KiB, t=2, p=1), OWASP's recommended floor.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Hashed once so that a sign-in for an unknown email costs the same as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("parley-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
}

const COMMON = new Set([
  "password", "password1", "password123", "1234567890", "qwertyuiop", "iloveyou12",
  "letmein123", "welcome123", "passw0rd12", "abcdefghij", "0123456789", "1111111111",
]);

/** NIST 800-63B style: long enough, not a known-common password; no composition rules. */
export const passwordSchema = text()
  .min(10, "Password must be at least 10 characters")
  .max(200, "Password must be at most 200 characters")
  .refine((p) => !COMMON.has(p.toLowerCase()), "This password is too common; choose another")
  .refine((p) => new Set(p).size >= 5, "This password is too repetitive; choose another");
