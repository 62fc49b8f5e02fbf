import { readFile } from "node:fs/promises";
import path from "node:path";

// Files of the swagger-ui-dist package that the reference page needs, and nothing else.
const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

// Swagger UI's settings: the document of /api/v1; no call to the online validator.
const INIT = `window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
  persistAuthorization: false,
});
`;

// `next dev` and `next start` run in apps/web, where pnpm links the package.
const distDir = () => path.join(process.cwd(), "node_modules", "swagger-ui-dist");

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ file: string }> },
): Promise<Response> {
  const { file } = await params;
  const cache = { "cache-control": "public, max-age=86400" };
  if (file === "init.js")
    return new Response(INIT, {
      headers: { "content-type": "text/javascript; charset=utf-8", ...cache },
    });
  const type = FILES[file];
  if (!type) return new Response("Not found", { status: 404 });
  const body = await readFile(path.join(distDir(), file));
  return new Response(new Uint8Array(body), { headers: { "content-type": type, ...cache } });
}
