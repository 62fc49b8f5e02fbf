export const dynamic = "force-dynamic";

/** Liveness: the process answers. Readiness (database, migrations, listener) is /api/ready. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
