import { DomainError } from "../errors";

/** Opaque keyset cursors: a timestamp and an id, base64url-encoded. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeKeyset(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString("base64url");
}

export function decodeKeyset(cursor: string): KeysetPosition {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = at ? new Date(at) : new Date(Number.NaN);
  if (!id || Number.isNaN(date.getTime())) throw new DomainError("INVALID", "Invalid cursor");
  return { at: date, id };
}
