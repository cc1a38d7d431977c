// Favourite notices: when an item's price drops or it is available again, everyone keeping it
// (a collection-group query on `favorites` by `itemId`) gets `users/{uid}/notices/{itemId}`.
// The item's notice state (items/{itemId}/private/notices) decides in a transaction whether the
// update makes a round (domain/notices.ts: at most NOTICE_ROUNDS_PER_WINDOW per hour window per
// item, a drop only below every price announced), so redelivered or concurrent runs of one event
// agree; the fan-out skips documents that already carry the event, so it writes each once.
import { FieldPath, Timestamp } from 'firebase-admin/firestore'
import { db } from '../admin'
import {
  type NoticeDoc,
  type NoticeKind,
  type NoticeState,
  noticeDecision,
} from '../domain/notices'
import type { ItemDoc } from '../domain/types'
import { noticeRef, noticeStateRef } from './paths'

/** Favourites read and notices written per batch. */
const FAN_OUT_PAGE = 200

export interface NoticeRound {
  kind: NoticeKind | null
  /** Notice documents written by this run. */
  written: number
}

/**
 * Decides and writes the notices of one item update (`eventId` at `eventAt` ms). Returns the
 * kind of the round (null: none) and how many documents this run wrote.
 */
export async function noticeFavoriters(
  itemId: string,
  before: ItemDoc,
  after: ItemDoc,
  eventId: string,
  eventAt: number,
): Promise<NoticeRound> {
  // Most updates (titles, photos, reserving) are no news: no transaction for them.
  if (
    after.status !== 'available' ||
    (after.price >= before.price && before.status !== 'reserved')
  ) {
    return { kind: null, written: 0 }
  }
  const decision = await db.runTransaction(async (tx) => {
    const snap = await tx.get(noticeStateRef(itemId))
    const state = snap.exists ? (snap.data() as NoticeState) : null
    const decided = noticeDecision(before, after, state, eventId, eventAt)
    if (decided.notify && !decided.redelivered) tx.set(snap.ref, decided.state)
    return decided
  })
  if (!decision.notify) return { kind: null, written: 0 }
  const notice: NoticeDoc<Timestamp> = {
    itemId,
    title: after.title,
    kind: decision.kind,
    price: after.price,
    previousPrice: decision.kind === 'price-drop' ? before.price : null,
    at: Timestamp.fromMillis(eventAt),
    read: false,
    eventId,
  }
  let written = 0
  let query = db
    .collectionGroup('favorites')
    .where('itemId', '==', itemId)
    .orderBy(FieldPath.documentId())
    .limit(FAN_OUT_PAGE)
  for (;;) {
    const page = await query.get()
    const uids = page.docs
      .map((d) => d.ref.parent.parent?.id)
      .filter((uid): uid is string => !!uid && uid !== after.sellerId)
    if (uids.length > 0) {
      const existing = await db.getAll(...uids.map((uid) => noticeRef(uid, itemId)))
      const batch = db.batch()
      let writes = 0
      for (const snap of existing) {
        if (snap.get('eventId') === eventId) continue
        batch.set(snap.ref, notice)
        writes++
      }
      if (writes > 0) await batch.commit()
      written += writes
    }
    if (page.size < FAN_OUT_PAGE) break
    query = query.startAfter(page.docs[page.docs.length - 1]!)
  }
  return { kind: decision.kind, written }
}
