// Favourite notices (관심 알림): when a favourite's price drops or it is available again, each
// person keeping it gets `users/{uid}/notices/{itemId}` — one document per person and item,
// overwritten — written by the onFavoriteItemUpdated trigger. The decision is here, pure, so the
// tests call it directly; firestore.rules repeat NOTICES_QUERY_LIMIT_MAX.
import type { ItemDoc } from './types'

/** Notice rounds (one write per favouriter) one item may cause per fixed window. */
export const NOTICE_ROUNDS_PER_WINDOW = 2
export const NOTICE_WINDOW_MS = 60 * 60_000
/** Notices the app reads at once (newest first): the list, the badge and the toast. */
export const NOTICE_PAGE_SIZE = 20
/** Largest `limit` a client list of one's notices may carry (rules refuse more). */
export const NOTICES_QUERY_LIMIT_MAX = 50

export type NoticeKind = 'price-drop' | 'available'

/** `users/{uid}/notices/{itemId}`: the latest news of one favourite. */
export interface NoticeDoc<T = unknown> {
  itemId: string
  title: string
  kind: NoticeKind
  /** The price now, and (price drops) the price before the drop. */
  price: number
  previousPrice: number | null
  /** When the item changed (the event's time). */
  at: T
  read: boolean
  /** The item update that caused it: a redelivered event finds it and writes nothing. */
  eventId: string
}

/**
 * `items/{itemId}/private/notices` (functions only): the item's notice window and the lowest
 * price announced, so a seller cannot announce the same drop twice or flood favouriters.
 */
export interface NoticeState {
  /** Start of the current fixed window (ms) and notice rounds in it. */
  windowAt: number
  rounds: number
  /** The lowest price a price-drop notice announced (null: none yet). */
  lowestPrice: number | null
  /** The latest event that caused a round, and its time (ms): older events are stale. */
  eventId: string
  eventAt: number
  /** What that round announced. */
  kind: NoticeKind
}

export type NoticeDecision =
  | { notify: false; reason: 'no-news' | 'stale' | 'window-full' }
  | { notify: true; kind: NoticeKind; redelivered: boolean; state: NoticeState }

/**
 * What an item update means to the people keeping it, before the window: a drop below
 * `lowestPrice` (every price announced before), or reserved → available. Only available items.
 */
export function noticeKind(
  before: Pick<ItemDoc, 'price' | 'status'>,
  after: Pick<ItemDoc, 'price' | 'status'>,
  lowestPrice: number | null = null,
): NoticeKind | null {
  if (after.status !== 'available') return null
  if (after.price < before.price && (lowestPrice === null || after.price < lowestPrice)) {
    return 'price-drop'
  }
  if (before.status === 'reserved') return 'available'
  return null
}

/**
 * Whether the update `eventId` at `eventAt` makes a notice round, given the item's notice state.
 * A round happens for a price drop below every price announced before, or for reserved →
 * available; at most NOTICE_ROUNDS_PER_WINDOW per window per item, so each favouriter's one
 * document of the item is rewritten at most 2 × that many times in any hour, however the seller
 * edits. The same event again (redelivery) repeats its round, which writes only what is missing.
 */
export function noticeDecision(
  before: Pick<ItemDoc, 'price' | 'status'>,
  after: Pick<ItemDoc, 'price' | 'status'>,
  state: NoticeState | null,
  eventId: string,
  eventAt: number,
): NoticeDecision {
  if (state && state.eventId === eventId) {
    return { notify: true, kind: state.kind, redelivered: true, state }
  }
  const kind = noticeKind(before, after, state?.lowestPrice ?? null)
  if (!kind) return { notify: false, reason: 'no-news' }
  if (state && eventAt < state.eventAt) return { notify: false, reason: 'stale' }
  const newWindow = !state || eventAt >= state.windowAt + NOTICE_WINDOW_MS
  const rounds = newWindow ? 1 : state.rounds + 1
  if (rounds > NOTICE_ROUNDS_PER_WINDOW) return { notify: false, reason: 'window-full' }
  const lowest = state?.lowestPrice ?? null
  return {
    notify: true,
    kind,
    redelivered: false,
    state: {
      windowAt: newWindow ? eventAt : state.windowAt,
      rounds,
      lowestPrice: kind === 'price-drop' ? after.price : lowest,
      eventId,
      eventAt,
      kind,
    },
  }
}
