import NextAuth from "next-auth";
import { type NextRequest } from "next/server";
import { authOptions } from "~/server/auth";

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/** next-auth's App Router handler, with options built on first request (see authOptions). */
async function handler(req: NextRequest, context: RouteContext): Promise<Response> {
  return (await NextAuth(req, context, authOptions())) as Response;
}

export { handler as GET, handler as POST };
