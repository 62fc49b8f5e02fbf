export { type ObjectStorage, type StoredObject, assertValidKey, InvalidStorageKeyError } from "./storage";
export { LocalDiskStorage } from "./local-disk";
export { S3Storage, type S3StorageOptions } from "./s3";
export { storageEnvSchema, readStorageEnv, type StorageEnv } from "./env";
export { createStorage, getStorage } from "./from-env";
