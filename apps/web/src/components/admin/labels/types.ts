import type { RouterOutputs } from "@parley/api";

export type AdminLabel = RouterOutputs["label"]["list"][number];
