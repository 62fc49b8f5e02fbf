import { type RefObject, useCallback, useEffect, useRef } from "react";
import { api } from "~/trpc/react";
import { MARK_READ_DEBOUNCE_MS } from "./constants";
import { cardMessageId, firstCardWhere, messageCards } from "./use-scroll-anchor";
import { type MessageView } from "./types";

type Position = Pick<MessageView, "createdAt" | "id">;
const after = (a: Position, b: Position) =>
  a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/**
 * Saves how far the reader has read: once scrolling pauses, the newest message whose end has
 * been on screen. Only ever forward (the server keeps the furthest too, so two tabs or devices
 * cannot move it back), and only when it moved, so reading costs one small request per pause.
 */
export function useMarkRead(
  list: RefObject<HTMLElement | null>,
  discussionId: string,
  messages: readonly MessageView[],
  enabled: boolean,
) {
  const utils = api.useUtils();
  const mark = api.reading.markRead.useMutation({
    onSuccess: (result) => {
      if (result.moved) void utils.reading.position.invalidate({ discussionId });
    },
  });
  const sent = useRef<Position | null>(null);
  const { mutate } = mark;

  const check = useCallback(() => {
    const element = list.current;
    if (!enabled || !element || document.visibilityState !== "visible") return;
    const byId = new Map(messages.map((m) => [m.id, m]));
    const cards = messageCards(element);
    // Every card before the first one whose end is still below the fold has been seen.
    const seen = firstCardWhere(cards, (rect) => rect.bottom > window.innerHeight + 1);
    let furthest: MessageView | null = null;
    for (let i = 0; i < seen; i++) {
      const card = cards[i];
      const message = card ? byId.get(cardMessageId(card) ?? "") : undefined;
      if (message && (!furthest || after(message, furthest))) furthest = message;
    }
    if (!furthest || (sent.current && !after(furthest, sent.current))) return;
    sent.current = { createdAt: furthest.createdAt, id: furthest.id };
    mutate({ discussionId, messageId: furthest.id });
  }, [discussionId, enabled, list, messages, mutate]);

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(check, MARK_READ_DEBOUNCE_MS);
    };
    schedule();
    window.addEventListener("scroll", schedule, { passive: true });
    document.addEventListener("visibilitychange", schedule);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", schedule);
      document.removeEventListener("visibilitychange", schedule);
    };
  }, [check, enabled]);
}
