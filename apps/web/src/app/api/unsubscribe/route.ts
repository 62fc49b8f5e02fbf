import { DomainError, logger, unsubscribeByLink } from "@parley/api/server";
import { runtime } from "~/server/runtime";

export const dynamic = "force-dynamic";

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });

/**
 * RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the
 * List-Unsubscribe URL, without cookies. The signed token in the URL is the only credential.
 */
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!token || token.length > 300) return text(400, "This unsubscribe link is not valid.");
  try {
    const { db } = await runtime();
    await unsubscribeByLink(db, token);
    return text(200, "Unsubscribed.");
  } catch (error) {
    if (error instanceof DomainError) return text(400, error.message);
    logger.error({ err: error }, "unsubscribe failed");
    return text(503, "Could not unsubscribe right now; try again in a minute.", {
      "retry-after": "60",
    });
  }
}

/** A person who clicks the link gets a page with a button: a GET never changes anything (link scanners). */
export function GET(request: Request): Response {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return Response.redirect(
    new URL(`/unsubscribe?token=${encodeURIComponent(token)}`, request.url),
    303,
  );
}
