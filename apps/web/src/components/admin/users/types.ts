import type { RouterInputs, RouterOutputs } from "@parley/api";

export type UserFilters = Pick<RouterInputs["moderation"]["users"], "query" | "role" | "status">;
export type ModeratedUser = RouterOutputs["moderation"]["users"]["items"][number];
export type UsersPage = RouterOutputs["moderation"]["users"];
export type Role = ModeratedUser["role"];
export type UserStatus = ModeratedUser["status"];
