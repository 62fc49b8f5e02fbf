import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { type Database } from "@parley/db";

const TTL_MS = 24 * 60 * 60_000;
/** A first request that has not finished after this long is presumed dead (its process died). */
const STALE_IN_PROGRESS_MS = 60_000;
const SWEEP_EVERY_MS = 60_000;

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  | { kind: "replay"; response: StoredResponse }
  | { kind: "in-progress" }
  | { kind: "mismatch" }
  | {
      kind: "claimed";
      complete(response: StoredResponse): Promise<void>;
      release(): Promise<void>;
    };

export function fingerprintOf(method: string, target: string, body: Uint8Array | null): string {
  const hash = createHash("sha256").update(`${method} ${target}\n`);
  if (body) hash.update(body);
  return hash.digest("hex");
}

/** Stored answers can hold secrets (a new token, a session token): AES-256-GCM at rest. */
class ResponseCipher {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync("sha256", secret, "parley", "idempotency-keys v1", 32));
  }
  seal(response: StoredResponse): Uint8Array<ArrayBuffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(response), "utf8"), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), sealed]));
  }
  open(data: Uint8Array): StoredResponse | null {
    try {
      const buf = Buffer.from(data);
      const decipher = createDecipheriv("aes-256-gcm", this.key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString(
        "utf8",
      );
      return JSON.parse(plain) as StoredResponse;
    } catch {
      return null; // APP_SECRET_KEY changed since: the answer cannot be replayed
    }
  }
}

/** Idempotency-Key bookkeeping in the idempotency_keys table (shared by every web instance). */
export class IdempotencyStore {
  private readonly cipher: ResponseCipher;
  private lastSweep = 0;

  constructor(
    private readonly db: Database,
    secret: string,
  ) {
    this.cipher = new ResponseCipher(secret);
  }

  /** Claims `key` for this request, or says why not (an earlier answer, a request still running, another body). */
  async claim(
    scope: string,
    key: string,
    fingerprint: string,
    now = new Date(),
  ): Promise<IdempotencyClaim> {
    await this.sweep(now);
    const expiresAt = new Date(now.getTime() + TTL_MS);
    const inserted = await this.db.idempotencyKey.createMany({
      data: [{ scope, key, fingerprint, expiresAt, createdAt: now }],
      skipDuplicates: true,
    });
    if (inserted.count === 1) return this.claimed(scope, key, now);

    const row = await this.db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
    if (!row) return this.claim(scope, key, fingerprint, now); // expired and swept in between
    const stored = row.response ? this.cipher.open(row.response) : null;
    const dead =
      row.expiresAt <= now ||
      (row.status === null && now.getTime() - row.createdAt.getTime() > STALE_IN_PROGRESS_MS) ||
      (row.status !== null && !stored);
    if (dead) {
      // Take the row over only if nobody else did since we read it.
      const taken = await this.db.idempotencyKey.updateMany({
        where: { scope, key, createdAt: row.createdAt },
        data: { fingerprint, status: null, response: null, createdAt: now, expiresAt },
      });
      return taken.count === 1 ? this.claimed(scope, key, now) : { kind: "in-progress" };
    }
    if (row.fingerprint !== fingerprint) return { kind: "mismatch" };
    if (row.status === null || !stored) return { kind: "in-progress" };
    return { kind: "replay", response: stored };
  }

  private claimed(scope: string, key: string, createdAt: Date): IdempotencyClaim {
    const where = { scope, key, createdAt };
    return {
      kind: "claimed",
      complete: async (response) => {
        await this.db.idempotencyKey.updateMany({
          where,
          data: { status: response.status, response: this.cipher.seal(response) },
        });
      },
      release: async () => {
        await this.db.idempotencyKey.deleteMany({ where });
      },
    };
  }

  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now.getTime();
    await this.db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
  }
}
