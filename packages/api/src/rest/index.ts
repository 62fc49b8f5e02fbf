/** The REST surface (/api/v1), generated from the tRPC procedures' OpenAPI meta. */
export {};
