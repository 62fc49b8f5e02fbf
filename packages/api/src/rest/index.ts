/** The REST surface (/api/v1), generated from the tRPC procedures' OpenAPI meta. */
export { createRestHandler, type RestHandlerOptions, type RestRuntime } from "./handler";
export { openApiDocument, REST_BASE } from "./document";
export { PROBLEM_CONTENT_TYPE, type Problem } from "./problem";
