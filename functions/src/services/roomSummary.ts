// `rooms/{id}.lastMessage / lastMessageAt`, kept by the message trigger. An older message never
// overwrites a newer one, and the same event delivered twice changes nothing the second time.
import type { Timestamp } from 'firebase-admin/firestore'
import { db } from '../admin'
import type { LastMessage, MessageDoc } from '../domain/types'

const PREVIEW_LENGTH = 140

/** The summary a message gives its room. System messages keep the event and who it is about. */
export function summaryOf(message: MessageDoc<Timestamp>): LastMessage {
  if (message.kind === 'system') {
    return {
      kind: 'system',
      text: message.event ?? message.text,
      senderName: message.actorName ?? '',
    }
  }
  return {
    kind: 'text',
    text: message.text.slice(0, PREVIEW_LENGTH),
    senderName: message.senderName,
  }
}

/** Whether (at, id) comes after the room's current summary. */
function isNewer(
  at: Timestamp,
  id: string,
  currentAt: Timestamp | null,
  currentId: string | undefined,
) {
  if (!currentAt) return true
  const diff = at.toMillis() - currentAt.toMillis() || at.nanoseconds - currentAt.nanoseconds
  if (diff !== 0) return diff > 0
  return currentId === undefined || id > currentId
}

/** Applies a new message to its room's summary; returns whether anything changed. */
export async function applyMessageToSummary(
  roomId: string,
  messageId: string,
  message: MessageDoc<Timestamp>,
): Promise<boolean> {
  const ref = db.doc(`rooms/${roomId}`)
  return db.runTransaction(async (tx) => {
    const room = await tx.get(ref)
    if (!room.exists) return false
    const currentAt = (room.get('lastMessageAt') as Timestamp | null | undefined) ?? null
    const currentId = room.get('lastMessageId') as string | undefined
    if (!isNewer(message.createdAt, messageId, currentAt, currentId)) return false
    tx.update(ref, {
      lastMessage: summaryOf(message),
      lastMessageAt: message.createdAt,
      lastMessageId: messageId,
      // Lets a member's client tell its own messages apart (no notice, no unread) by uid.
      lastMessageSenderId: message.senderId,
    })
    return true
  })
}
