/**
 * What the composer checks before sending, so people learn at once. The server decides
 * (packages/api/src/services/attachments-policy.ts): it looks at the content, not the name.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MESSAGE = 10;
export const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf,application/zip,text/plain,.txt,.md,.log,.csv,.zip,.pdf";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
