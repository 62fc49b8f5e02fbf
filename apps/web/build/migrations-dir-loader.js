// Turbopack loader for one file; see the TODO in next.config.ts. Delete once migrate.ts changes.
/** @param {string} source */
export default function migrationsDirLoader(source) {
  return source.replace(
    'fileURLToPath(new URL("../prisma/migrations", import.meta.url))',
    'path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "migrations")',
  );
}
