import { CATALOG_SECTIONS, type Catalog } from "./catalog";

/** One object that differs between two catalogs; `undefined` means it is missing on that side. */
export interface CatalogDifference {
  section: keyof Catalog;
  name: string;
  left: string | undefined;
  right: string | undefined;
}

export function compareCatalogs(left: Catalog, right: Catalog): CatalogDifference[] {
  const differences: CatalogDifference[] = [];
  for (const section of CATALOG_SECTIONS) {
    const names = new Set([...left[section].keys(), ...right[section].keys()]);
    for (const name of [...names].sort()) {
      const a = left[section].get(name);
      const b = right[section].get(name);
      if (a !== b) differences.push({ section, name, left: a, right: b });
    }
  }
  return differences;
}

/** A report a person can act on: one block per differing object, both sides named. */
const KIND: Record<keyof Catalog, string> = {
  tables: "table",
  columns: "column",
  indexes: "index",
  constraints: "constraint",
  enums: "enum",
  sequences: "sequence",
  extensions: "extension",
};

export function formatDifferences(
  differences: CatalogDifference[],
  labels: { left: string; right: string },
): string {
  const width = Math.max(labels.left.length, labels.right.length);
  const side = (label: string, value: string | undefined) => `    ${label.padEnd(width)}  ${value ?? "(missing)"}`;
  return differences
    .map((d) => [`  ${KIND[d.section]} ${d.name}`, side(labels.left, d.left), side(labels.right, d.right)].join("\n"))
    .join("\n");
}
