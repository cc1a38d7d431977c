// Fixed-window counting, shared by every count a document carries for the rules to check (item
// status changes and edits, the seller's listing log): a window starts with the first action at
// least `windowMs` after the last window began and takes `max` actions, so any span of
// `windowMs` holds at most 2 × max.

/**
 * What one more action writes: whether it starts a new window (its start = the server time),
 * the count after it, and how long to wait when the window is full (0: allowed now).
 */
export function nextInWindow(
  windowAt: number | null,
  count: number,
  now: number,
  max: number,
  windowMs: number,
): { newWindow: boolean; count: number; waitMs: number } {
  if (windowAt === null || now >= windowAt + windowMs)
    return { newWindow: true, count: 1, waitMs: 0 }
  return {
    newWindow: false,
    count: count + 1,
    waitMs: count >= max ? windowAt + windowMs - now : 0,
  }
}
