// Sends a text message as the app does (src/lib/rooms.ts): one batch with the sender's send-log
// slot, which firestore.rules require (at most MESSAGES_PER_WINDOW in any MESSAGE_WINDOW_MS per
// member and room). The bench keeps each sender's ring itself, as a client tab does.
import {
  type DocumentReference,
  collection,
  doc,
  serverTimestamp,
  writeBatch,
} from 'firebase/firestore'
import { nextSend, sendSlotField } from '../../functions/src/domain/rateLimits'
import type { BenchUser } from './seed'

const rings = new Map<string, { slot: number; at: (number | null)[] }>()

/** Writes `text` as `user` into `roomId`; rejects, writing nothing, when the slot is not free. */
export async function sendText(
  user: BenchUser,
  roomId: string,
  text: string,
): Promise<DocumentReference> {
  const key = `${roomId}/${user.uid}`
  const ring = rings.get(key) ?? { slot: 0, at: [null, null, null, null, null] }
  rings.set(key, ring)
  const log = {
    slot: ring.slot,
    ...Object.fromEntries(ring.at.map((at, i) => [sendSlotField(i), at])),
  }
  const next = nextSend(log, Date.now(), (at: number) => at)
  if (next.waitMs > 0) throw new Error(`send log: wait ${next.waitMs} ms`)
  ring.at[next.slot] = Date.now()
  ring.slot = next.nextSlot
  const message = doc(collection(user.db, 'rooms', roomId, 'messages'))
  const batch = writeBatch(user.db)
  batch.set(message, {
    kind: 'text',
    text,
    senderId: user.uid,
    senderName: user.username,
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
  })
  batch.set(
    doc(user.db, 'rooms', roomId, 'sendLog', user.uid),
    { slot: next.nextSlot, messageId: message.id, [next.field]: serverTimestamp() },
    { merge: true },
  )
  await batch.commit()
  return message
}
