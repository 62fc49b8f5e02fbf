import SwaggerParser from "@apidevtools/swagger-parser";
import { type OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";
import { restRoutes } from "../../src/rest/routes";
import { useRestApp } from "./fixture";

const rest = useRestApp();

async function servedDocument(): Promise<OpenAPIV3_1.Document> {
  const reply = await rest.call("GET", "/openapi.json");
  expect(reply.status).toBe(200);
  expect(reply.headers.get("content-type")).toBe("application/json");
  return reply.json as OpenAPIV3_1.Document;
}

type Operation = OpenAPIV3_1.OperationObject;
const METHODS = ["get", "post", "patch", "delete"] as const;

function operations(doc: OpenAPIV3_1.Document): { key: string; op: Operation; method: string }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item?.[method] ? [{ key: `${method.toUpperCase()} ${path}`, op: item[method], method }] : [],
    ),
  );
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (swagger-parser: schema and spec checks, every $ref resolves)", async () => {
    const doc = await servedDocument();
    expect(doc.openapi).toBe("3.1.0");
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
  });

  it("describes every REST route, and the event stream", async () => {
    const doc = await servedDocument();
    const described = operations(doc)
      .map((o) => o.key)
      .sort();
    const expected = [
      ...restRoutes.map((r) => `${r.method} ${r.openapiPath}`),
      "GET /discussions/{discussionId}/events",
      "GET /discussions/events",
      "GET /agent-jobs/{id}/events",
      // Not a procedure: raw bytes streamed to a size limit (services/attachments-openapi.ts).
      "POST /attachments",
    ].sort();
    expect(described).toEqual(expected);
  });

  it("gives each operation an id, a summary, security, a success body and problem+json errors", async () => {
    const doc = await servedDocument();
    const problemResponses = doc.components?.responses ?? {};
    for (const { key, op } of operations(doc)) {
      expect(op.operationId, key).toBeTruthy();
      expect(op.summary, key).toBeTruthy();
      expect(op.security, key).toBeDefined();
      expect(op.responses?.["200"], key).toBeDefined();
      expect(op.responses?.default, key).toEqual({
        $ref: "#/components/responses/InternalServerError",
      });
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (status === "200") continue;
        const name = (response as OpenAPIV3_1.ReferenceObject).$ref.split("/").pop()!;
        const resolved = problemResponses[name] as OpenAPIV3_1.ResponseObject;
        expect(Object.keys(resolved.content ?? {}), `${key} ${status}`).toEqual([
          "application/problem+json",
        ]);
      }
    }
  });

  it("declares bearer and cookie security, Idempotency-Key on POSTs and strict request bodies", async () => {
    const doc = await servedDocument();
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    for (const { key, op, method } of operations(doc)) {
      const refs = (op.parameters ?? []).map((p) => ("$ref" in p ? p.$ref : p.name));
      expect(refs.includes("#/components/parameters/IdempotencyKey"), key).toBe(method === "post");
      const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content[
        "application/json"
      ]?.schema;
      if (body) expect((body as OpenAPIV3_1.SchemaObject).additionalProperties, key).toBe(false);
    }
    const register = doc.paths?.["/auth/register"]?.post;
    expect(register?.security).toEqual([]);
    const createDiscussion = doc.paths?.["/discussions"]?.post;
    expect(createDiscussion?.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
  });
});
