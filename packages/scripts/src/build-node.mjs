#!/usr/bin/env node
// @ts-check
// `node packages/scripts/src/build-node.mjs <entry.ts> <out.js>` (the `build` script of
// apps/web and packages/agent): compiles a Node entry (the web's custom server, the
// worker) to one ESM file that `node` runs directly, so production needs no tsx and a signal
// reaches the process that handles it. The workspace's own packages (@parley/*, which export
// TypeScript source) and relative imports are bundled; every other package stays an import,
// rewritten to the file it resolves to from where it was imported (relative to the output),
// because pnpm only links a package's direct dependencies next to it: `pg`, imported by
// @parley/db, cannot be found from apps/web/dist. The output therefore runs inside this
// installed workspace (as the Docker images do), not copied elsewhere.
import { builtinModules } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error("Usage: node build-node.mjs <entry.ts> <out.js>");
  process.exit(2);
}
const outDir = path.dirname(path.resolve(outfile));
const builtins = new Set(builtinModules);

/** @type {esbuild.Plugin} */
const dependenciesStayImports = {
  name: "dependencies-stay-imports",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === "resolving") return undefined;
      if (args.path.startsWith("node:") || builtins.has(args.path.split("/")[0] ?? ""))
        return { path: args.path, external: true };
      if (args.path.startsWith("@parley/") || args.path.startsWith("~/")) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      let relative = path.relative(outDir, resolved.path).split(path.sep).join("/");
      if (!relative.startsWith(".")) relative = `./${relative}`;
      return { path: relative, external: true };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  // Node's own conditions only: esbuild would otherwise prefer a package's "module" build,
  // which Node never loads, and the two could differ.
  conditions: [],
  mainFields: ["main"],
  sourcemap: true,
  // Bundled CommonJS (none expected) would need require() in an ES module.
  banner: {
    js: `import { createRequire as __parleyCreateRequire } from "node:module"; const require = __parleyCreateRequire(import.meta.url);`,
  },
  plugins: [dependenciesStayImports],
  logLevel: "warning",
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
console.log(
  `${outfile}: ${inputs} source files bundled (${pathToFileURL(path.resolve(outfile)).pathname})`,
);
