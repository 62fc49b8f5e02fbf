import { type RefObject, useEffect, useLayoutEffect } from "react";

/** The message cards inside `list`, in document (and so vertical) order. */
export const messageCards = (list: HTMLElement) =>
  list.querySelectorAll<HTMLElement>("li[data-message-id] > article");

export const cardMessageId = (card: HTMLElement) => card.parentElement?.dataset.messageId ?? null;

/** Index of the first card satisfying `test`, where the cards satisfying it form a suffix. */
export function firstCardWhere(
  cards: NodeListOf<HTMLElement>,
  test: (rect: DOMRect) => boolean,
): number {
  let low = 0;
  let high = cards.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const card = cards[mid];
    if (card && test(card.getBoundingClientRect())) high = mid;
    else low = mid + 1;
  }
  return low;
}

export interface ScrollAnchor {
  id: string;
  top: number;
}

/** The topmost message on screen and where it is. */
export function topmostVisible(list: HTMLElement | null): ScrollAnchor | null {
  if (!list) return null;
  const cards = messageCards(list);
  const card = cards[firstCardWhere(cards, (rect) => rect.bottom > 0)];
  const id = card ? cardMessageId(card) : null;
  return card && id ? { id, top: card.getBoundingClientRect().top } : null;
}

/**
 * Keeps what the reader is looking at in place when pages are added above it (older messages)
 * or dropped above it (the window sliding on): remembers the topmost visible message and its
 * offset on every scroll, and after each change to the list scrolls by however far that message
 * moved. Measured rather than predicted, so it agrees with the browser's own scroll anchoring
 * where that exists (Chromium, Firefox) and stands in for it where it does not (Safari).
 * Nothing is restored while `pausedRef` holds a value (a jump is about to scroll elsewhere). The
 * caller owns `anchorRef`, to renew it after scrolling on purpose.
 */
export function useScrollAnchor(
  listRef: RefObject<HTMLElement | null>,
  dependency: unknown,
  pausedRef: RefObject<unknown>,
  anchorRef: RefObject<ScrollAnchor | null>,
) {
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        anchorRef.current = topmostVisible(listRef.current);
      });
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
    };
  }, [listRef, anchorRef]);

  useLayoutEffect(() => {
    const saved = anchorRef.current;
    if (pausedRef.current === null && saved) {
      const card = listRef.current?.querySelector<HTMLElement>(
        `li[data-message-id="${saved.id}"] > article`,
      );
      const moved = card ? card.getBoundingClientRect().top - saved.top : 0;
      if (moved !== 0) window.scrollBy(0, moved);
    }
    anchorRef.current = topmostVisible(listRef.current);
  }, [dependency, listRef, pausedRef, anchorRef]);
}
