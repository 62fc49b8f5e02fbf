import { type RefObject, useEffect, useState } from "react";

/** Whether the element is on screen or within `margin` of it (where loading should start). */
export function useNearViewport(
  element: RefObject<HTMLElement | null>,
  margin: string,
  active: boolean,
): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (!active || !target) return;
    const observer = new IntersectionObserver(
      ([entry]) => setNear(entry?.isIntersecting ?? false),
      { rootMargin: margin },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, margin, active]);
  return active && near;
}
