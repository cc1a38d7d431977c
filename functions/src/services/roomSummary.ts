// `rooms/{id}.lastMessage / lastMessageAt`, kept by the message triggers. An older message never
// overwrites a newer one, and the same event delivered twice changes nothing the second time.
// New messages write the room at most once per SUMMARY_MIN_INTERVAL_MS (summarizeNewMessage).
import { type DocumentSnapshot, FieldValue, Timestamp } from 'firebase-admin/firestore'
import { db } from '../admin'
import { RECENT_MESSAGES_MAX, SUMMARY_MIN_INTERVAL_MS } from '../domain/limits'
import { activityMinute, roomRank } from '../domain/lobby'
import type { LastMessage, MessageDoc, PublicRoomDoc, RecentMessage } from '../domain/types'
import { CLOCK_MARGIN_MS, lostRace, sleep, takeLease } from './leases'
import { messagesOf, publicRoomRef, roomRef, summaryLeaseRef } from './paths'

const PREVIEW_LENGTH = 140

/** A system message's summary: the event and whom it is about (readers word it). */
export function systemSummary(event: string, actorName: string): LastMessage {
  return { kind: 'system', text: event, senderName: actorName }
}

/** The summary a message gives its room. System messages keep the event and who it is about. */
export function summaryOf(message: MessageDoc<Timestamp>): LastMessage {
  if (message.kind === 'system') {
    return systemSummary(message.event ?? message.text, message.actorName ?? '')
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
 * Whether the message changes the summary of `room`: it is newer than the one shown, or it is
 * the one shown and was just deleted (its words leave). A deletion that arrives before its
 * message's creation takes its place, so the later creation (no longer newer) cannot bring the
 * words back.
 */
function changesSummary(room: DocumentSnapshot, messageId: string, message: MessageDoc<Timestamp>) {
  const currentAt = (room.get('lastMessageAt') as Timestamp | null | undefined) ?? null
  const currentId = room.get('lastMessageId') as string | undefined
  return currentId === messageId
    ? message.deletedAt != null && room.get('lastMessage.text') !== ''
    : isNewer(message.createdAt, messageId, currentAt, currentId)
}

function summaryFields(messageId: string, message: MessageDoc<Timestamp>) {
  return {
    lastMessage: summaryOf(message),
    lastMessageAt: message.createdAt,
    lastMessageId: messageId,
    // Lets a member's client tell its own messages apart (no notice, no unread) by uid.
    lastMessageSenderId: message.senderId,
  }
}

/**
 * The room's `recent` list once the summary shows the message of `upTo`: the messages after the
 * list's newest up to `upTo` (one read each, at most RECENT_MESSAGES_MAX) ahead of the list. A
 * list that does not end on the room's last message (a room from before the list, a summary
 * written elsewhere, an item room's buyer joining) is built again from the newest messages since
 * `recentSince` (the latest such join), so it always holds every message from its oldest entry
 * or `recentSince` on: "my chats" counts unread messages from it (domain/recentMessages).
 */
async function recentUpTo(roomId: string, room: DocumentSnapshot, upTo: Timestamp) {
  const kept = (room.get('recent') as RecentMessage<Timestamp>[] | undefined) ?? []
  const lastAt = room.get('lastMessageAt') as Timestamp | null | undefined
  const since = room.get('recentSince') as Timestamp | undefined
  const continues = lastAt instanceof Timestamp && kept[0]?.at?.isEqual?.(lastAt) === true
  let newer = messagesOf(roomId).where('createdAt', '<=', upTo)
  if (continues) newer = newer.where('createdAt', '>', lastAt)
  else if (since instanceof Timestamp) newer = newer.where('createdAt', '>=', since)
  const snap = await newer.orderBy('createdAt', 'desc').limit(RECENT_MESSAGES_MAX).get()
  const fresh: RecentMessage<Timestamp>[] = snap.docs.map((d) => ({
    at: d.get('createdAt') as Timestamp,
    by: String(d.get('senderId') ?? ''),
  }))
  return [...fresh, ...(continues ? kept : [])].slice(0, RECENT_MESSAGES_MAX)
}

/**
 * Applies a message to its room's summary at once; returns whether anything changed. Used for a
 * message just deleted (its words leave the preview without delay) and by summarizeNewMessage.
 */
export async function applyMessageToSummary(
  roomId: string,
  messageId: string,
  message: MessageDoc<Timestamp>,
): Promise<boolean> {
  if (!summarizable(message)) return false
  const ref = roomRef(roomId)
  const changed = await db.runTransaction(async (tx) => {
    const room = await tx.get(ref)
    if (!room.exists || !changesSummary(room, messageId, message)) return false
    const moves = room.get('lastMessageId') !== messageId
    // A message deleted before its creation's trigger ran takes the summary's place here: the
    // list is rebuilt by the next message (without it "my chats" asks the server for counts).
    tx.update(ref, {
      ...summaryFields(messageId, message),
      ...(moves && { recent: FieldValue.delete() }),
    })
    return true
  })
  if (changed) await touchPublicFace(roomId, message.createdAt.toMillis())
  return changed
}

async function newestMessage(roomId: string) {
  const snap = await messagesOf(roomId).orderBy('createdAt', 'desc').limit(1).get()
  const doc = snap.docs[0]
  const message = doc?.data() as MessageDoc<Timestamp> | undefined
  return doc && message && summarizable(message) ? { id: doc.id, message } : null
}

/** Rounds one flushing trigger stays the room's writer (about a second each) before it ends. */
const FLUSH_ROUNDS_MAX = 30

/**
 * Applies a new message to its room's summary, writing the room at most once per `intervalMs`
 * (at 50 senders it would otherwise take 50 writes a second; Firestore sustains about one per
 * document). Outside a burst the message is applied at once. Within the interval after the
 * room's last write, one trigger takes a lease (rooms/{id}/private/summary) and becomes the
 * room's writer: it waits out the interval and applies the room's newest message; when that was
 * newer than its own (a burst), it goes on once per interval while newer messages keep coming,
 * so the preview follows the burst even when triggers run late. The others find the lease held and end: what the writer reads at the end
 * of the lease comes after their messages. Preconditions instead of transactions: a room
 * written meanwhile (a join) is read again. Returns whether this call changed the summary.
 */
export async function summarizeNewMessage(
  roomId: string,
  messageId: string,
  message: MessageDoc<Timestamp>,
  intervalMs = SUMMARY_MIN_INTERVAL_MS,
): Promise<boolean> {
  if (!summarizable(message)) return false
  let current = { id: messageId, message }
  /** Messages came after ours within the interval: keep writing while they come. */
  let burst = false
  let wrote = false
  for (let round = 0; round < FLUSH_ROUNDS_MAX; round++) {
    const room = await roomRef(roomId).get()
    if (!room.exists || !room.updateTime) return wrote
    if (!changesSummary(room, current.id, current.message)) return wrote
    let wait = room.updateTime.toMillis() + intervalMs - Date.now()
    if (wait <= 0) {
      try {
        const recent = await recentUpTo(roomId, room, current.message.createdAt)
        const written = await roomRef(roomId).update(
          { ...summaryFields(current.id, current.message), recent },
          { lastUpdateTime: room.updateTime },
        )
        wait = written.writeTime.toMillis() + intervalMs - Date.now()
      } catch (error) {
        if (lostRace(error)) continue
        throw error
      }
      wrote = true
      await touchPublicFace(roomId, current.message.createdAt.toMillis())
      if (!burst) return true
    }
    // The writer of a burst: hold the lease until the interval is over, then take the newest.
    if (!(await takeLease(summaryLeaseRef(roomId), wait))) return wrote
    await sleep(wait + CLOCK_MARGIN_MS)
    const newest = await newestMessage(roomId)
    if (
      !newest ||
      !isNewer(newest.message.createdAt, newest.id, current.message.createdAt, current.id)
    ) {
      // Nothing newer: the burst is over (a message stored later finds the lease expired).
      if (wrote) return true
      continue
    }
    current = newest
    burst = true
  }
  return wrote
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
