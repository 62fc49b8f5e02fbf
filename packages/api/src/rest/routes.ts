import { type TRPCProcedureType } from "@trpc/server";
import {
  forEachOpenApiProcedure,
  getInputOutputParsers,
  getPathParameters,
  getPathRegExp,
  normalizePath,
  type OpenApiProcedureRecord,
  unwrapZodType,
} from "trpc-to-openapi";
import { type $ZodType } from "zod/v4/core";
import { appRouter } from "../root";
import { type RestRoute } from "./meta";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** One procedure's REST route, read from its OpenAPI meta once at start-up. */
export interface RestRouteEntry {
  method: HttpMethod;
  /** As in the OpenAPI document, e.g. /discussions/{discussionId}/messages */
  openapiPath: string;
  pattern: RegExp;
  pathParams: readonly string[];
  procedurePath: string;
  type: Exclude<TRPCProcedureType, "subscription">;
  auth: RestRoute["auth"];
  /** The input object's fields (null: the procedure takes no input). */
  fields: Readonly<Record<string, $ZodType>> | null;
  /** The output has `nextCursor`: the answer gets a Link rel="next" header. */
  paginated: boolean;
}

function buildRoutes(): RestRouteEntry[] {
  const routes: RestRouteEntry[] = [];
  // The router's procedure record satisfies trpc-to-openapi's looser record type at run time;
  // its declared type is tRPC's, whose procedures carry our exact meta instead of `any`.
  const procedures = appRouter._def.procedures as OpenApiProcedureRecord;
  forEachOpenApiProcedure<{ rest?: { auth: RestRoute["auth"] } }>(
    procedures,
    ({ path, type, procedure, meta }) => {
      if (type === "subscription") return;
      const { inputParser, outputParser, hasInputsDefined } = getInputOutputParsers(procedure);
      const input = hasInputsDefined ? unwrapZodType(inputParser, true) : null;
      const fields =
        input && "shape" in input && typeof input.shape === "object"
          ? (input.shape as Record<string, $ZodType>)
          : null;
      const output = outputParser ? unwrapZodType(outputParser, true) : null;
      const openapiPath = normalizePath(meta.openapi.path);
      routes.push({
        method: meta.openapi.method as HttpMethod,
        openapiPath,
        pattern: getPathRegExp(openapiPath),
        pathParams: getPathParameters(openapiPath),
        procedurePath: path,
        type,
        auth: meta.rest?.auth ?? "required",
        fields,
        paginated: Boolean(
          output &&
          "shape" in output &&
          typeof output.shape === "object" &&
          output.shape &&
          "nextCursor" in output.shape,
        ),
      });
    },
  );
  return routes;
}

export const restRoutes: readonly RestRouteEntry[] = buildRoutes();

export type RouteMatch =
  | { kind: "route"; route: RestRouteEntry; params: Record<string, string> }
  | { kind: "method-not-allowed"; allow: HttpMethod[] }
  | { kind: "none" };

export function matchRoute(method: string, path: string): RouteMatch {
  const allow: HttpMethod[] = [];
  for (const route of restRoutes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) {
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {}))
        params[name] = decodeURIComponent(value);
      return { kind: "route", route, params };
    }
    allow.push(route.method);
  }
  return allow.length ? { kind: "method-not-allowed", allow } : { kind: "none" };
}
