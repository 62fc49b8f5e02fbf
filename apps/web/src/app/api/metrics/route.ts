import { metrics } from "@parley/api/server";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this process (the registry every package adds to). */
export async function GET(): Promise<Response> {
  return new Response(await metrics.registry.metrics(), {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}
