import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived from APP_SECRET_KEY, so a
 * database dump alone cannot forge signatures. The API seals; the worker opens to sign.
 */
export interface SecretBox {
  seal(plain: string): Uint8Array<ArrayBuffer>;
  /** null when the data was sealed under another APP_SECRET_KEY (or is damaged). */
  open(sealed: Uint8Array): string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createSecretBox(appSecretKey: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", appSecretKey, "parley", "webhook-secrets v1", 32));
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    open(sealed) {
      try {
        const buf = Buffer.from(sealed);
        const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(0, IV_BYTES));
        decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
