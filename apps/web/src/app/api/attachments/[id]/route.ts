import { attachmentHttp } from "../http";

// A file, for whoever may read the message it is on (an unattached upload: its uploader).
async function handler(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return attachmentHttp.download(req, (await params).id, "original");
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as HEAD };
