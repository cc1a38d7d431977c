// `rooms/{id}.lastMessage / lastMessageAt`, kept by the message trigger. An older message never
// overwrites a newer one, and the same event delivered twice changes nothing the second time.
import { Timestamp } from 'firebase-admin/firestore'
import { db } from '../admin'
import { activityMinute, roomRank } from '../domain/lobby'
import type { LastMessage, MessageDoc, PublicRoomDoc } from '../domain/types'
import { publicRoomRef } from './paths'

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
  if (message.kind === 'photo') {
    // The caption (possibly empty); readers show a photo mark before it.
    return {
      kind: 'photo',
      text: (message.text ?? '').slice(0, PREVIEW_LENGTH),
      senderName: message.senderName,
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

/**
 * Whether a stored message has what a summary needs. The rules let no client store one without,
 * but a document written with the Admin SDK (a script, a test) may lack them, and a trigger that
 * throws is retried and, in the emulator, takes down the worker running other functions.
 */
function summarizable(message: MessageDoc<Timestamp>): boolean {
  if (!(message.createdAt instanceof Timestamp)) return false
  return message.kind === 'system' || message.kind === 'photo' || typeof message.text === 'string'
}

/**
 * Applies a message to its room's summary; returns whether anything changed. Called with a new
 * message, and again with a message just deleted: a deletion erases the words of the message the
 * summary shows, and one that arrives before its message's creation takes its place, so the
 * later creation (no longer newer) cannot bring the words back.
 */
export async function applyMessageToSummary(
  roomId: string,
  messageId: string,
  message: MessageDoc<Timestamp>,
): Promise<boolean> {
  if (!summarizable(message)) return false
  const ref = db.doc(`rooms/${roomId}`)
  const changed = await db.runTransaction(async (tx) => {
    const room = await tx.get(ref)
    if (!room.exists) return false
    const currentAt = (room.get('lastMessageAt') as Timestamp | null | undefined) ?? null
    const currentId = room.get('lastMessageId') as string | undefined
    const changes =
      currentId === messageId
        ? message.deletedAt != null && room.get('lastMessage.text') !== ''
        : isNewer(message.createdAt, messageId, currentAt, currentId)
    if (!changes) return false
    tx.update(ref, {
      lastMessage: summaryOf(message),
      lastMessageAt: message.createdAt,
      lastMessageId: messageId,
      // Lets a member's client tell its own messages apart (no notice, no unread) by uid.
      lastMessageSenderId: message.senderId,
    })
    return true
  })
  if (changed) await touchPublicFace(roomId, message.createdAt.toMillis())
  return changed
}

/**
 * Moves the room's lobby activity to the minute of `at`, so its public face changes at most
 * once a minute. Outside the summary's transaction, with a precondition instead of a lock: two
 * transactions from different emulator workers on the same documents deadlock until the
 * emulator's lock timeout. A face changed meanwhile (a join) is left as it is; the next
 * message moves it.
 */
async function touchPublicFace(roomId: string, at: number): Promise<void> {
  const faceRef = publicRoomRef(roomId)
  const face = await faceRef.get()
  const publicRoom = face.data() as PublicRoomDoc | undefined
  const active = activityMinute(at)
  if (!publicRoom || !face.updateTime || active <= publicRoom.lastActiveAt) return
  await faceRef
    .update(
      { lastActiveAt: active, rank: roomRank(publicRoom.memberCount, active) },
      { lastUpdateTime: face.updateTime },
    )
    .catch(() => undefined)
}
