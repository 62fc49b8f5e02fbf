import { checkReadiness, logger, notReady } from "@parley/api/server";
import { runtime } from "~/server/runtime";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when the database answers, migrations are applied and the listener is up;
 * otherwise 503 naming what is down (`down`). Also reports the live events' lag.
 */
export async function GET(): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  try {
    const report = await checkReadiness(await runtime());
    return Response.json(report, { status: report.ok ? 200 : 503, headers: report.ok ? headers : { ...headers, "retry-after": "5" } });
  } catch (error) {
    logger.warn({ err: error }, "readiness check failed");
    return Response.json(notReady(error), { status: 503, headers: { ...headers, "retry-after": "5" } });
  }
}
