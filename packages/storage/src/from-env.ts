import path from "node:path";
import { dataDir } from "@parley/db/paths";
import { readStorageEnv, type StorageEnv } from "./env";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage } from "./s3";
import { type ObjectStorage } from "./storage";

/** The driver the settings choose: local disk under .data/uploads unless STORAGE_DRIVER=s3. */
export function createStorage(env: StorageEnv = readStorageEnv()): ObjectStorage {
  if (env.STORAGE_DRIVER === "s3") {
    if (!env.S3_BUCKET) throw new Error("S3_BUCKET is required when STORAGE_DRIVER=s3");
    return new S3Storage({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      prefix: env.S3_PREFIX,
      credentials:
        env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
  }
  return new LocalDiskStorage(path.resolve(env.STORAGE_LOCAL_DIR ?? path.join(dataDir(), "uploads")));
}

const holder = globalThis as typeof globalThis & { parleyStorage?: ObjectStorage };

/** The process's storage, made on first use (never at import: `next build` imports modules). */
export function getStorage(): ObjectStorage {
  holder.parleyStorage ??= createStorage();
  return holder.parleyStorage;
}
