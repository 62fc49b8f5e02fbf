import { type IncomingMessage } from "node:http";
import { getToken } from "next-auth/jwt";
import { validSessionUserId } from "@parley/api/server";
import { webEnv } from "../src/env";
import { runtime } from "../src/server/runtime";

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // not a cookie of ours
    }
  }
  return cookies;
}

/**
 * The account of the next-auth session cookie on a WebSocket upgrade (route handlers read it
 * with getServerSession; an upgrade request never reaches one). Same secret and cookie name.
 */
export async function sessionUserIdOf(req: IncomingMessage): Promise<string | null> {
  return sessionUserIdOfCookies(req.headers.cookie);
}

/** The same from a Cookie header: API requests that this server answers without Next. */
export async function sessionUserIdOfCookies(cookieHeader: string | undefined): Promise<string | null> {
  const cookies = parseCookies(cookieHeader);
  const env = webEnv();
  const secureCookie = env.PUBLIC_URL.startsWith("https://");
  // No session cookie, no work: most API callers send a bearer token instead.
  if (!Object.keys(cookies).some((name) => name.endsWith("next-auth.session-token") || name.includes("next-auth.session-token."))) {
    return null;
  }
  const token = await getToken({
    req: { headers: { cookie: cookieHeader ?? "" }, cookies } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: env.APP_SECRET_KEY,
    secureCookie,
  });
  if (!token?.sub) return null;
  const { db } = await runtime();
  return validSessionUserId(db, { userId: token.sub, signedInAtMs: token.signedInAt ?? null });
}
