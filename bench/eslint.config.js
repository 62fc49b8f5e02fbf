import base from "@parley/eslint-config/base";

export default [
  // The older benchmarks belong to the packages whose scripts run them.
  { ignores: ["*.ts"] },
  ...base,
  {
    // A benchmark starts servers with the environment it was given, plus its own settings.
    files: ["hot-paths/**/*.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];
