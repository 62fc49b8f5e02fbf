"use client";

import { createContext, type ReactNode, use } from "react";
import type { RouterOutputs } from "@parley/api";

export type Viewer = NonNullable<RouterOutputs["auth"]["me"]["user"]>;

const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in account as the server saw it for this page (null when signed out). */
export function ViewerProvider({ viewer, children }: { viewer: Viewer | null; children: ReactNode }) {
  return <ViewerContext value={viewer}>{children}</ViewerContext>;
}

export function useViewer(): Viewer | null {
  return use(ViewerContext);
}

export const isModerator = (viewer: Viewer | null) => viewer?.role === "moderator" || viewer?.role === "admin";
