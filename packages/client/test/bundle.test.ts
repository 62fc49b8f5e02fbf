import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

describe("the built client", () => {
  it("imports nothing of the server at run time: the router's types are erased", async () => {
    // Bundled as an app would (dependencies inlined), for the browser, where server code would not even load.
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => path.resolve(p));
    const workspace = path.resolve(path.dirname(entry), "../..");
    const ours = inputs.filter((p) => !p.includes(`${path.sep}node_modules${path.sep}`));
    // Only this package's own files; no file of @parley/api, @parley/db or @parley/agent.
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((p) => !p.startsWith(path.join(workspace, "client", "src")))).toEqual([]);
    expect(
      inputs.filter((p) => /@parley|prisma|graphile|node_modules[/\\](pg|pino)[/\\]/.test(p)),
    ).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/@parley\/api/);
    expect(code).toContain("httpSubscriptionLink");
  });
});
