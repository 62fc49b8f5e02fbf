import { z } from "zod";

export const uploadedAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  previewUrl: z.string().nullable(),
  url: z.string(),
});
export type UploadedAttachment = z.infer<typeof uploadedAttachmentSchema>;

const problemSchema = z.object({ detail: z.string() });

/**
 * POSTs one file's bytes with XMLHttpRequest (fetch has no upload progress), reporting the
 * fraction sent; resolves with the stored attachment or rejects with the server's explanation.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/attachments?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (xhr.status === 200) {
        const parsed = uploadedAttachmentSchema.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(new Error("The server's answer was not understood"));
        return;
      }
      const problem = problemSchema.safeParse(body);
      reject(new Error(problem.success ? problem.data.detail : `Upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted; check your connection"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    xhr.send(file);
  });
}
