/** A stored object, read as a stream. */
export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  size: number;
}

/**
 * Where uploaded files live, by key. Drivers: the local disk (development, one machine) and
 * any S3-compatible service (production). Keys are produced by the app, never by clients.
 */
export interface ObjectStorage {
  readonly driver: "local" | "s3";
  put(key: string, body: Uint8Array, options: { contentType: string }): Promise<void>;
  /** The object, or null when there is none under this key. */
  get(key: string): Promise<StoredObject | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

// Slash-separated segments of safe characters: no "..", no absolute paths, no backslashes.
const KEY_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export class InvalidStorageKeyError extends Error {
  override name = "InvalidStorageKeyError";
}

export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY_PATTERN.test(key) || key.split("/").some((part) => part === "." || part === "..")) {
    throw new InvalidStorageKeyError(`Invalid storage key: ${JSON.stringify(key)}`);
  }
}
