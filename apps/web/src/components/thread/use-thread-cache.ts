import { useQueryClient } from "@tanstack/react-query";
import { api } from "~/trpc/react";
import { removeMessage, upsertMessage } from "./message-cache";
import { threadKey } from "./thread-window";
import { type Discussion, type MessagePages, type MessageView } from "./types";

/** Writes that the thread's mutations and its live stream both make to the query cache. */
export function useThreadCache(discussionId: string) {
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  const windows = { queryKey: threadKey(discussionId) };
  return {
    putMessage(message: MessageView) {
      queryClient.setQueriesData<MessagePages>(windows, (data) =>
        data ? upsertMessage(data, message) : data,
      );
      if (message.editedAt || message.deletedAt)
        void utils.message.history.invalidate({ id: message.id });
    },
    dropMessage(id: string) {
      queryClient.setQueriesData<MessagePages>(windows, (data) =>
        data ? removeMessage(data, id) : data,
      );
    },
    putDiscussion(discussion: Discussion) {
      utils.discussion.get.setData({ id: discussion.id }, discussion);
    },
    refetchAll() {
      void queryClient.invalidateQueries(windows);
      void utils.discussion.get.invalidate({ id: discussionId });
    },
  };
}
