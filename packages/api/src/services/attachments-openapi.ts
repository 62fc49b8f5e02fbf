import { z } from "zod";
import { type ZodOpenApiPathItemObject } from "zod-openapi";
import { ATTACHMENT_LIMITS, ALLOWED_TYPES } from "./attachments-policy";
import { attachmentViewSchema } from "./attachments-view";

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const mb = ATTACHMENT_LIMITS.maxBytes / 1024 / 1024;

/**
 * POST /attachments, written by hand: it is not a tRPC procedure (whose input is parsed JSON,
 * at most 1 MiB) because an upload is raw bytes, streamed and cut off at the size limit
 * (services/attachments-http.ts, mounted by apps/web at /api/v1/attachments).
 */
export const attachmentOpenApiPaths: Record<string, ZodOpenApiPathItemObject> = {
  "/attachments": {
    post: {
      operationId: "attachment-upload",
      summary: "Upload a file to put on a message",
      description: [
        `The body is the file's bytes (at most ${mb} MB); its name goes in \`?filename=\`.`,
        `The type is decided from the content, never from the name or Content-Type; accepted: ${Object.keys(ALLOWED_TYPES).join(", ")}.`,
        "HTML and SVG are refused. Images get a preview and their width and height.",
        `The answer's \`id\` goes into \`attachmentIds\` of a new or edited message (at most ${ATTACHMENT_LIMITS.maxPerMessage} per message);`,
        "until then only you can download it, and after 24 hours unused it is deleted. Honours `Idempotency-Key`.",
      ].join(" "),
      tags: ["Messages"],
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
      requestParams: {
        query: z.object({ filename: z.string().max(255).optional().meta({ description: "The file's name, shown to readers" }) }),
      },
      parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }],
      requestBody: {
        required: true,
        content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
      },
      responses: {
        "200": {
          description: "The stored attachment (not yet on a message)",
          content: { "application/json": { schema: attachmentViewSchema } },
        },
        "400": ref("BadRequest"),
        "401": ref("Unauthorized"),
        "403": ref("Forbidden"),
        "409": ref("Conflict"),
        "413": ref("ContentTooLarge"),
        "415": ref("UnsupportedMediaType"),
        "422": ref("UnprocessableContent"),
        "429": ref("TooManyRequests"),
        default: ref("InternalServerError"),
      },
    },
  },
};
