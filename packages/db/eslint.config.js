import base from "@parley/eslint-config/base";

// Plain Node scripts (scripts/*.mjs) are not type-checked, so name their globals here.
export default [
  ...base,
  { files: ["**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } } },
];
