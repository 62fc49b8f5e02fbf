import { api } from "~/trpc/react";
import { MESSAGE_PAGE_SIZE } from "./constants";
import { removeMessage, upsertMessage } from "./message-cache";
import { type Discussion, type MessageView } from "./types";

/** Writes that the thread's mutations and its live stream both make to the query cache. */
export function useThreadCache(discussionId: string) {
  const utils = api.useUtils();
  const listInput = { discussionId, limit: MESSAGE_PAGE_SIZE };
  return {
    listInput,
    putMessage(message: MessageView) {
      utils.message.list.setInfiniteData(listInput, (data) => (data ? upsertMessage(data, message) : data));
      if (message.editedAt || message.deletedAt) void utils.message.history.invalidate({ id: message.id });
    },
    dropMessage(id: string) {
      utils.message.list.setInfiniteData(listInput, (data) => (data ? removeMessage(data, id) : data));
    },
    putDiscussion(discussion: Discussion) {
      utils.discussion.get.setData({ id: discussion.id }, discussion);
    },
    refetchAll() {
      void utils.message.list.invalidate(listInput);
      void utils.discussion.get.invalidate({ id: discussionId });
    },
  };
}
