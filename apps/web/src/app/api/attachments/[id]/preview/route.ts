import { attachmentHttp } from "../../http";

// An image's resized preview (WebP), authorized like the file itself.
async function handler(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return attachmentHttp.download(req, (await params).id, "preview");
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as HEAD };
