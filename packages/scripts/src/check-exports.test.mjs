import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkExports, exportTargets } from "./check-exports.mjs";

describe("exportTargets", () => {
  it("collects strings from subpaths, conditions and fallbacks, and skips null", () => {
    const targets = exportTargets({
      ".": { types: "./src/index.d.ts", default: "./src/index.ts" },
      "./hidden": null,
      "./fallback": ["./a.js", "./b.js"],
    }).map((t) => t.target);
    expect(targets).toEqual(["./src/index.d.ts", "./src/index.ts", "./a.js", "./b.js"]);
  });
});

describe("checkExports", () => {
  let root = "";
  /** @param {string} relative @param {string} text */
  const write = (relative, text = "") => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "parley-exports-"));
    write("package.json", JSON.stringify({ name: "root", private: true }));
    write(
      "pnpm-workspace.yaml",
      "packages:\n  - apps/*\n  - packages/*\n\ncatalog:\n  zod: 4.0.0\n",
    );
    write("packages/good/src/index.ts");
    write("packages/good/src/routes/users.ts");
    write(
      "packages/good/package.json",
      JSON.stringify({
        name: "good",
        exports: { ".": "./src/index.ts", "./routes/*": "./src/routes/*.ts" },
      }),
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("passes when every path exists, patterns included", () => {
    expect(checkExports(root)).toEqual({ checked: 2, problems: [] });
  });

  it("names each missing path, bin and pattern with no match", () => {
    write(
      "apps/stale/package.json",
      JSON.stringify({
        name: "stale",
        exports: { ".": "./src/index.ts", "./lib/*": "./lib/*.js", "./outside": "src/x.ts" },
        bin: { tool: "./bin/tool.mjs" },
      }),
    );
    const { checked, problems } = checkExports(root);
    expect(checked).toBe(6);
    expect(problems).toEqual([
      'apps/stale/package.json exports["."]: ./src/index.ts does not exist',
      'apps/stale/package.json exports["./lib/*"]: ./lib/*.js does not exist',
      'apps/stale/package.json exports["./outside"]: "src/x.ts" must start with "./"',
      'apps/stale/package.json bin["tool"]: ./bin/tool.mjs does not exist',
    ]);
  });
});
