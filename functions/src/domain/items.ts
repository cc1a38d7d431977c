// Item rules shared by the client and the tests; firestore.rules spells out the same transitions.
import { nextInWindow } from './fixedWindow'
import { ITEM_STATUS_CHANGES_PER_WINDOW, ITEM_STATUS_WINDOW_MS } from './limits'
import type { ItemStatus } from './types'

/** The statuses an item may move to from `status`: reserved and sold from available, back to
 * available or on to sold from reserved; `sold` is final. */
export function nextItemStatuses(status: ItemStatus): ItemStatus[] {
  if (status === 'available') return ['reserved', 'sold']
  if (status === 'reserved') return ['available', 'sold']
  return []
}

/**
 * A price as typed (digits, optionally grouped with commas or spaces, an optional ₩ or 원) as a
 * number; NaN when it is not a whole number of won ("12.5" is refused, not read as 125).
 */
export function parsePrice(text: string): number {
  const compact = text.replace(/[\s,₩원]/g, '')
  if (compact === '') return Number.NaN
  return /^-?\d+$/.test(compact) ? Number(compact) : Number.NaN
}

/**
 * What a status change writes besides the status: whether it starts a new fixed window
 * (`statusWindowAt` = server time, `statusChanges` = 1) or counts in the current one, and how
 * long the seller must wait when the window is full (0: the change is allowed now). The rules
 * check the same (firestore.rules, items).
 */
export function statusChange<T>(
  item: { statusWindowAt?: T | null; statusChanges?: number },
  now: number,
  millisOf: (at: T) => number,
): { newWindow: boolean; statusChanges: number; waitMs: number } {
  const windowAt = item.statusWindowAt == null ? null : millisOf(item.statusWindowAt)
  const next = nextInWindow(
    windowAt,
    item.statusChanges ?? 0,
    now,
    ITEM_STATUS_CHANGES_PER_WINDOW,
    ITEM_STATUS_WINDOW_MS,
  )
  return { newWindow: next.newWindow, statusChanges: next.count, waitMs: next.waitMs }
}

/** The moves of nextItemStatuses a seller writes directly (the rules allow exactly these); `sold`
 * goes through the completeSale callable, which names the buyer. */
export function directItemStatuses(status: ItemStatus): ItemStatus[] {
  return nextItemStatuses(status).filter((next) => next !== 'sold')
}
