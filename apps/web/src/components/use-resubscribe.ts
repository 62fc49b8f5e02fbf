"use client";

import { useCallback, useEffect, useRef } from "react";

const RESUBSCRIBE_DELAY_MS = 1_000;

/**
 * A live stream that the server ends on purpose (a restart, a deploy) completes instead of
 * failing, and tRPC would not start it again. Pass `onComplete` to the subscription and its
 * `reset` to `bind`: the subscription starts again, and its onStarted refetch covers the gap.
 */
export function useResubscribeOnComplete(reset: () => void) {
  const resetRef = useRef(reset);
  useEffect(() => {
    resetRef.current = reset;
  }, [reset]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => resetRef.current(), RESUBSCRIBE_DELAY_MS);
  }, []);
}
