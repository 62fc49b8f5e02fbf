/** Messages per page of a thread: most threads arrive in one request. */
export const MESSAGE_PAGE_SIZE = 200;
