/** Messages per page of a thread. */
export const MESSAGE_PAGE_SIZE = 50;

/**
 * Pages kept loaded (and so in the DOM) at once; loading one more drops the page at the far end
 * (TanStack Query's `maxPages`). A bounded window rather than virtualization: messages have
 * unpredictable heights (markdown, images, nested replies, inline editors), which a virtualizer
 * must measure and re-measure, and find-in-page, anchors and screen readers keep working on a
 * plain list. 5 × 50 messages stays cheap to render on a phone.
 */
export const MAX_PAGES_IN_DOM = 5;

/** How long reading must pause before the read position is saved. */
export const MARK_READ_DEBOUNCE_MS = 800;
