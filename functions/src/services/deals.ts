// Closing a sale: the item becomes sold to a named buyer, with a deal record and a `sold` message,
// all in one transaction.
import {
  type DocumentReference,
  FieldValue,
  Timestamp,
  type Transaction,
} from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import type { CompleteSaleInput } from '../domain/inputs'
import { COMPLETE_SALE_MAX, COMPLETE_SALE_WINDOW_MS } from '../domain/limits'
import type { CompleteSaleResult, DealDoc, ItemDoc, MemberDoc, UserDoc } from '../domain/types'
import { itemRoomId } from '../domain/types'
import { accountRef, askedRef, dealRef, itemRef, memberRef, profileRef, roomRef } from './paths'
import { type RateLimit, countAction } from './rateLimits'
import { readAll } from './reads'
import { profileFrom } from './profiles'
import { addSystemMessage } from './rooms'
import { recomputeTrust } from './trust'

export const COMPLETE_SALE_LIMIT: RateLimit = {
  field: 'salesCompleted',
  max: COMPLETE_SALE_MAX,
  windowMs: COMPLETE_SALE_WINDOW_MS,
}

/**
 * Records in `tx` that `uid` joined the item room `roomId`: `rooms/{roomId}/private/asked-{uid}`
 * (functions only). Leaving removes the member doc but not this, so a buyer who left can still be
 * named.
 */
export function recordAsker(tx: Transaction, roomId: string, uid: string, profile: UserDoc): void {
  tx.set(askedRef(roomId, uid), { uid, username: profile.username })
}

function refused(problem: string, message: string): HttpsError {
  return new HttpsError('failed-precondition', message, { problem })
}

/**
 * Marks the seller's item sold to `buyerId` (someone who joined its room, now or before; null =
 * sold outside marketchat): item `sold` + `buyerId` + `soldAt`, `deals/{itemId}`, and one `sold`
 * message naming the buyer. A second call, even a concurrent one, finds it sold and is refused.
 * `now` is injectable so tests control the clock.
 */
export async function completeSaleTx(
  uid: string,
  input: CompleteSaleInput,
  now: number = Date.now(),
): Promise<CompleteSaleResult> {
  const { itemId, buyerId } = input
  const roomId = itemRoomId(itemId)
  await db.runTransaction(async (tx) => {
    const refs: DocumentReference[] = [
      itemRef(itemId),
      roomRef(roomId),
      profileRef(uid),
      accountRef(uid),
    ]
    if (buyerId !== null) refs.push(memberRef(roomId, buyerId), askedRef(roomId, buyerId))
    const [itemSnap, roomSnap, sellerSnap, rateSnap, memberSnap, askedSnap] = await readAll(
      tx,
      ...refs,
    )
    if (!itemSnap?.exists) throw new HttpsError('not-found', 'No such item.')
    const item = itemSnap.data() as ItemDoc
    if (item.sellerId !== uid) {
      throw new HttpsError('permission-denied', 'Only the seller can complete the sale.')
    }
    if (item.status === 'sold') throw refused('sold', 'This item is already sold.')
    if (item.status === 'withdrawn') throw refused('no-seller', 'The seller has left.')
    if (item.status === 'deleted') throw refused('deleted', 'The listing was taken down.')
    // A deleted seller's token stays valid for up to an hour: no profile, no sale.
    const sellerName = profileFrom(sellerSnap!).username
    let buyerName: string | null = null
    if (buyerId !== null) {
      if (buyerId === uid) throw refused('buyer-is-seller', 'The seller cannot be the buyer.')
      const record = memberSnap?.exists ? memberSnap : askedSnap?.exists ? askedSnap : null
      if (!record) throw refused('not-a-buyer', 'The buyer never joined the item chat.')
      buyerName = (record.data() as Pick<MemberDoc, 'username'>).username
    }
    countAction(tx, COMPLETE_SALE_LIMIT, rateSnap!, now)
    const soldAt = Timestamp.fromMillis(now)
    tx.update(itemSnap.ref, {
      status: 'sold',
      buyerId,
      soldAt,
      updatedAt: FieldValue.serverTimestamp(),
    })
    const deal: DealDoc<Timestamp> = {
      itemId,
      sellerId: uid,
      buyerId,
      title: item.title,
      price: item.price,
      soldAt,
      sellerName,
      buyerName,
    }
    tx.create(dealRef(itemId), deal)
    if (roomSnap?.exists) {
      addSystemMessage(tx, roomId, 'sold', { uid, username: sellerName }, 'sold', {
        buyerId,
        buyerName,
      })
    }
  })
  // Both parties' deal counts.
  await Promise.all([uid, buyerId].map((party) => party && recomputeTrust(party, now)))
  return { dealId: itemId }
}
