import { checkReadiness, logger } from "@parley/api/server";
import { runtime } from "~/server/runtime";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database answers, migrations are applied and the listener is up. */
export async function GET(): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  try {
    const report = await checkReadiness(await runtime());
    return Response.json(report, { status: report.ok ? 200 : 503, headers });
  } catch (error) {
    logger.warn({ err: error }, "readiness check failed");
    return Response.json({ ok: false, database: false, migrations: false, listener: false }, { status: 503, headers });
  }
}
