// Edits of an item's text, price and photos, counted per item in a fixed window (`editWindowAt`,
// `edits` on the item); firestore.rules count the same. Apart from items.ts and limits.ts so that
// the pages that load those do not load it (only the sell/edit page does).
import { nextInWindow } from './fixedWindow'

/** Edits of one item per fixed window, so at most 2 × 20 = 40 in any hour. */
export const ITEM_EDITS_PER_WINDOW = 20
export const ITEM_EDIT_WINDOW_MS = 60 * 60_000

/**
 * What one more edit of `item` (as last read) writes besides the edit: `edits`, and whether
 * `editWindowAt` starts anew (the server time); `waitMs` > 0 when the window is full.
 */
export function itemEdit<T>(
  item: { editWindowAt?: T | null; edits?: number },
  now: number,
  millisOf: (at: T) => number,
): { newWindow: boolean; edits: number; waitMs: number } {
  const windowAt = item.editWindowAt == null ? null : millisOf(item.editWindowAt)
  const next = nextInWindow(
    windowAt,
    item.edits ?? 0,
    now,
    ITEM_EDITS_PER_WINDOW,
    ITEM_EDIT_WINDOW_MS,
  )
  return { newWindow: next.newWindow, edits: next.count, waitMs: next.waitMs }
}
