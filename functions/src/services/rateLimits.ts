// Per-account rate limits of the deal callables (completeSale, reviewDeal, setFavorite): a sliding
// log of action times in `accounts/{uid}` (functions only), read and written inside the action's
// own transaction, so it counts what commits and concurrent calls cannot slip past it.
import type { DocumentSnapshot, Transaction } from 'firebase-admin/firestore'
import { logAction, waitForSlot } from '../domain/rateLimits'
import {
  type AccountState,
  accountStateOf,
  assertLive,
  saveAccount,
  slowDown,
} from './accountLimits'

export interface RateLimit {
  /** The field of `accounts/{uid}` that holds the log. */
  field: keyof Pick<AccountState, 'salesCompleted' | 'reviewsWritten' | 'favoriteChanges'>
  max: number
  windowMs: number
}

/**
 * Counts one more action in `tx` from the caller's account read in `accountSnap`
 * (`accounts/{uid}`), or throws: `unauthenticated` for a deleted account, `resource-exhausted`
 * (with `retryAfterMs`) when the window is full. Call after every read of the transaction, and
 * write nothing else to the account in it.
 */
export function countAction(
  tx: Transaction,
  limit: RateLimit,
  accountSnap: DocumentSnapshot,
  now: number,
): void {
  const state = accountStateOf(accountSnap)
  assertLive(state)
  const log = state[limit.field]
  const wait = waitForSlot(log, now, limit.max, limit.windowMs)
  if (wait > 0) throw slowDown(wait)
  saveAccount(tx, accountSnap.id, {
    [limit.field]: logAction(log, now, limit.max, limit.windowMs),
  })
}
