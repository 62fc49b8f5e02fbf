import { type InfiniteData } from "@tanstack/react-query";
import type { RouterOutputs } from "@parley/api";

export type MessageView = RouterOutputs["message"]["list"]["items"][number];
export type MessagePage = RouterOutputs["message"]["list"];
export type MessagePages<P = unknown> = InfiniteData<MessagePage, P>;
export type Discussion = RouterOutputs["discussion"]["get"];
export type Revision = RouterOutputs["message"]["history"]["revisions"][number];
export type ReadPosition = RouterOutputs["reading"]["position"];
