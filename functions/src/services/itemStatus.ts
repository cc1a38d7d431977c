// When an item's status changes, its room (if anyone has asked about it) gets a system message.
import { db } from '../admin'
import type { ItemDoc, SystemEvent } from '../domain/types'
import { itemRoomId } from '../domain/types'
import { publicRoomRef } from './paths'
import { addSystemMessage } from './rooms'
import { readAll } from './reads'

/**
 * Posts the status event for one status change (and keeps the room title equal to the item's).
 * The message id comes from `eventId`, so a redelivered event finds it and changes nothing.
 */
export async function postItemStatus(
  itemId: string,
  before: ItemDoc,
  after: ItemDoc,
  eventId: string,
): Promise<boolean> {
  // `sold` is posted by completeSale itself, naming the buyer, in the sale's transaction.
  const statusEvent = before.status !== after.status && after.status !== 'sold'
  if (!statusEvent && before.title === after.title) return false
  const room = db.doc(`rooms/${itemRoomId(itemId)}`)
  const messageId = `status-${eventId}`
  const marker = db.doc(`rooms/${itemRoomId(itemId)}/messages/${messageId}`)
  const face = publicRoomRef(itemRoomId(itemId))
  return db.runTransaction(async (tx) => {
    const [roomSnap, markerSnap, faceSnap] = await readAll(tx, room, marker, face)
    if (!roomSnap.exists || markerSnap.exists) return false
    if (before.title !== after.title) {
      tx.update(room, { title: after.title })
      if (faceSnap.exists) tx.update(face, { title: after.title })
    }
    if (statusEvent) {
      const actor = { uid: after.sellerId, username: after.sellerName }
      addSystemMessage(tx, room.id, after.status as SystemEvent, actor, messageId)
    }
    return true
  })
}
