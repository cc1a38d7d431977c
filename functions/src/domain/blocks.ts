// A user's block window, shared by the client (src/lib/rooms.ts) and the tests; firestore.rules
// count the same (blockLogs). Apart from limits.ts so that pages that do not block do not load it.
import { nextInWindow } from './fixedWindow'

/**
 * New blocks of one user per fixed window (blockLogs/{uid}), so at most 2 × 20 = 40 in any hour:
 * every block runs the onBlockCreated function, and block, unblock, block again in a loop would
 * otherwise run it without end. Unblocking runs nothing and is not counted.
 */
export const BLOCKS_PER_WINDOW = 20
export const BLOCK_WINDOW_MS = 60 * 60_000

/**
 * `blockLogs/{uid}`: how many people the user blocked in the current fixed window (`windowAt`,
 * the server time of its first block), and the latest block the log allowed (`blockedUid`, at
 * `blockedAt`, the server time of that block). Every block is created in one batch with a write
 * of this log (firestore.rules).
 */
export interface BlockLog<T = unknown> {
  windowAt: T
  count: number
  blockedUid: string
  blockedAt: T
}

/**
 * What blocking one more person writes to the user's log: whether it starts a new fixed window,
 * the count after it, and how long to wait when the window is full (0: allowed now).
 */
export function nextBlock<T>(
  log: Partial<BlockLog<T>> | undefined,
  now: number,
  millisOf: (at: T) => number,
): { newWindow: boolean; count: number; waitMs: number } {
  const windowAt = log?.windowAt == null ? null : millisOf(log.windowAt)
  return nextInWindow(windowAt, log?.count ?? 0, now, BLOCKS_PER_WINDOW, BLOCK_WINDOW_MS)
}
