import { describe, expect, it } from "vitest";
import { metrics } from "../src/metrics";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();

describe("metrics", () => {
  it("samples each procedure call with its outcome", async () => {
    const caller = await app.as(null);
    await caller.discussion.list({});
    await expectTRPCError(caller.discussion.create({ title: "Nope", body: "x" }), "UNAUTHORIZED");
    const text = await metrics.registry.getSingleMetricAsString("parley_trpc_procedure_duration_seconds");
    expect(text).toMatch(/_count\{path="discussion.list",type="query",code="OK"\} [1-9]/);
    expect(text).toMatch(/_count\{path="discussion.create",type="mutation",code="UNAUTHORIZED"\} [1-9]/);
  });
});
