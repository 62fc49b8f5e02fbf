import { headers } from "next/headers";
import { cache } from "react";
import { createCaller, createTRPCContext } from "@parley/api";

import { sessionUserId } from "~/server/auth";
import { clientIp } from "~/server/client-ip";
import { runtime } from "~/server/runtime";

/** Procedures called in-process from server components, as the signed-in viewer; one per request. */
export const serverApi = cache(async () => {
  // Request data first: it marks the page dynamic before anything touches the database.
  const requestHeaders = new Headers(await headers());
  const userId = await sessionUserId();
  const context = await createTRPCContext({
    runtime: await runtime(),
    headers: requestHeaders,
    sessionUserId: userId,
    ip: clientIp(requestHeaders),
  });
  return createCaller(context);
});
