import { createAttachmentHttp } from "@parley/api/server";
import { sessionUserId } from "~/server/auth";
import { clientIp } from "~/server/client-ip";
import { runtime } from "~/server/runtime";

/** Uploads and downloads of attachments (packages/api/src/services/attachments-http.ts). */
export const attachmentHttp = createAttachmentHttp({
  runtime,
  sessionUserId: () => sessionUserId(),
  clientIp: (req) => clientIp(req.headers),
});
