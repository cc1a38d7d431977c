// A seller's listing window, shared by the client (src/lib/listing.ts) and the tests;
// firestore.rules count the same (listingLogs). Apart from items.ts and limits.ts so that the
// pages that load those do not load it.
import { nextInWindow } from './fixedWindow'

/**
 * New listings of one seller per fixed window (listingLogs/{uid}), so at most 2 × 10 = 20 in
 * any hour: a market page cannot be filled by one account.
 */
export const LISTINGS_PER_WINDOW = 10
export const LISTING_WINDOW_MS = 60 * 60_000

/**
 * `listingLogs/{uid}`: how many items the seller listed in the current fixed window (`windowAt`,
 * the server time of its first listing) and the id of the item the latest write allowed. Every
 * new item is created in one batch with a write of this log (firestore.rules).
 */
export interface ListingLog<T = unknown> {
  windowAt: T
  count: number
  itemId: string
}

/**
 * What listing one more item writes to the seller's log: whether it starts a new fixed window,
 * the count after it, and how long to wait when the window is full (0: allowed now). Counted as
 * an item's status changes are (statusChange in items.ts).
 */
export function nextListing<T>(
  log: Partial<ListingLog<T>> | undefined,
  now: number,
  millisOf: (at: T) => number,
): { newWindow: boolean; count: number; waitMs: number } {
  const windowAt = log?.windowAt == null ? null : millisOf(log.windowAt)
  return nextInWindow(windowAt, log?.count ?? 0, now, LISTINGS_PER_WINDOW, LISTING_WINDOW_MS)
}
