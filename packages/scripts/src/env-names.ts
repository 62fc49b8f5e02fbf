// Prints, as JSON, the names each process's env schemas read: {"web": [...], "worker": [...]}.
// The settings check (check-env.mjs, in `pnpm test`) compares them with .env.example and
// turbo.json; it runs this with tsx because the schemas are TypeScript.
import { workerEnvSchemas } from "@parley/agent/env";
import { webEnvSchemas } from "../../../apps/web/src/env";

const names = (schemas: readonly { shape: object }[]) =>
  [...new Set(schemas.flatMap((s) => Object.keys(s.shape)))].sort();

console.log(JSON.stringify({ web: names(webEnvSchemas), worker: names(workerEnvSchemas) }));
