// Room data verbs: the queries the room pages listen to and the writes members make directly
// (checked by firestore.rules; no function on the send path).
import {
  type DocumentReference,
  type DocumentSnapshot,
  type Query,
  type Timestamp,
  type UpdateData,
  type WriteBatch,
  arrayRemove,
  arrayUnion,
  collection,
  deleteDoc,
  doc,
  getDoc,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  startAfter,
  updateDoc,
  where,
  writeBatch,
} from 'firebase/firestore'
import { type BlockLog, nextBlock } from '@domain/blocks'
import type { ReactionKey } from '@domain/chat'
import { LOBBY_PAGE_SIZE, MEMBERS_QUERY_LIMIT_MAX, OWN_LIST_QUERY_LIMIT_MAX } from '@domain/limits'
import { type SendLog, nextSend, sendSlotField } from '@domain/rateLimits'
import type { ReplyTo } from '@domain/types'
import { db } from '@/lib/db'
import { type EncodedPhoto, photoMessageField, putRoomPhoto } from '@/lib/photos'

/** The room itself (member list, last message): readable by its members only. */
export const roomDoc = (roomId: string) => doc(db, 'rooms', roomId)
/** What anyone signed in may know of a room: title, lock, member count, capacity. */
export const publicRoomDoc = (roomId: string) => doc(db, 'publicRooms', roomId)
export const memberDoc = (roomId: string, uid: string) => doc(db, 'rooms', roomId, 'members', uid)
/** Every member's name, read mark, typing and presence in one document (members only). */
export const rosterDoc = (roomId: string) => doc(db, 'rooms', roomId, 'state', 'roster')
/**
 * The members seen most recently, at most 100 (a room past that lists whom a flood of accounts
 * cannot push out cheaply, as the roster does; not by doc id).
 */
export const membersQuery = (roomId: string): Query =>
  query(
    collection(db, 'rooms', roomId, 'members'),
    orderBy('seenAt', 'desc'),
    limit(MEMBERS_QUERY_LIMIT_MAX),
  )
/** A room's messages (src/lib/messageFeed.ts builds the queries the room page reads them by). */
export const messagesOf = (roomId: string) => collection(db, 'rooms', roomId, 'messages')
const sendLogDoc = (roomId: string, uid: string) => doc(db, 'rooms', roomId, 'sendLog', uid)

/**
 * One lobby page of open rooms: rooms with people in them first, then the most recently active
 * (functions/src/domain/lobby.ts); `after` is the last room of the previous page.
 */
export function openRoomsQuery(after?: DocumentSnapshot): Query {
  const lobby = collection(db, 'publicRooms')
  return after
    ? query(
        lobby,
        where('kind', '==', 'open'),
        orderBy('rank', 'desc'),
        startAfter(after),
        limit(LOBBY_PAGE_SIZE),
      )
    : query(lobby, where('kind', '==', 'open'), orderBy('rank', 'desc'), limit(LOBBY_PAGE_SIZE))
}

/** The ref of a message; a fresh id when none is given (a failed send retries under its id). */
export function messageRef(roomId: string, messageId?: string): DocumentReference {
  return messageId ? doc(messagesOf(roomId), messageId) : doc(messagesOf(roomId))
}

/** The member must wait `retryAfterMs` before sending in this room again; nothing was written. */
export class SendTooSoonError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('Too many messages; try again later.')
    this.name = 'SendTooSoonError'
  }
}

/** The times (ms) of my last sends in a room, as this tab knows them, and the next slot. */
interface LocalSendLog {
  slot: number
  at: (number | null)[]
}
/** By `roomId/uid`: read from the server once, then kept by this tab's own sends. */
const sendLogs = new Map<string, Promise<LocalSendLog>>()

async function readSendLog(roomId: string, uid: string): Promise<LocalSendLog> {
  const snap = await getDoc(sendLogDoc(roomId, uid)).catch(() => null)
  const log = snap?.data({ serverTimestamps: 'estimate' }) as SendLog<Timestamp> | undefined
  return {
    slot: log?.slot ?? 0,
    at: [0, 1, 2, 3, 4].map((slot) => log?.[sendSlotField(slot)]?.toMillis() ?? null),
  }
}

/** My send log of a room as this tab knows it, read from the server the first time. */
function localSendLog(roomId: string, uid: string): Promise<LocalSendLog> {
  const key = `${roomId}/${uid}`
  let log = sendLogs.get(key)
  if (!log) {
    log = readSendLog(roomId, uid)
    sendLogs.set(key, log)
  }
  return log
}

/**
 * Reads my send log of a room ahead of the first send: the room page calls it on entering, so a
 * message typed later, even offline, knows its slot without asking the server.
 */
export function primeSendLog(roomId: string, uid: string): void {
  void localSendLog(roomId, uid)
}

/**
 * Writes what `write` puts in the batch (a message at `ref` and what belongs with it, or a change
 * of it) together with a slot of the sender's send log: firestore.rules allow at most 5 message
 * writes in any 5 s. Throws SendTooSoonError, writing nothing, when the slot is not free yet.
 */
async function commitWithSlot(
  ref: DocumentReference,
  senderId: string,
  write: (batch: WriteBatch) => void | Promise<void>,
): Promise<void> {
  const roomId = ref.parent.parent?.id ?? ''
  const key = `${roomId}/${senderId}`
  const log = await localSendLog(roomId, senderId)
  const now = Date.now()
  const next = nextSend(
    { slot: log.slot, ...Object.fromEntries(log.at.map((at, i) => [sendSlotField(i), at])) },
    now,
    (at: number) => at,
  )
  if (next.waitMs > 0) throw new SendTooSoonError(next.waitMs)
  // Taken before the write resolves, so quick sends in a row take the following slots.
  log.at[next.slot] = now
  log.slot = next.nextSlot
  try {
    const batch = writeBatch(db)
    await write(batch)
    batch.set(
      sendLogDoc(roomId, senderId),
      { slot: next.nextSlot, messageId: ref.id, [next.field]: serverTimestamp() },
      { merge: true },
    )
    await batch.commit()
  } catch (error) {
    // Another tab sent meanwhile, or the clocks disagree: read the log again next time.
    sendLogs.delete(key)
    throw error
  }
}

/** Writes a text message (maybe a reply) as the member `senderId` named `senderName`. */
export function sendMessage(
  ref: DocumentReference,
  senderId: string,
  senderName: string,
  text: string,
  replyTo?: ReplyTo,
): Promise<void> {
  return commitWithSlot(ref, senderId, (batch) => {
    batch.set(ref, {
      kind: 'text',
      text,
      senderId,
      senderName,
      createdAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
      ...(replyTo ? { replyTo } : {}),
    })
  })
}

/**
 * Changes a message as member `uid`, with a send-log slot (SendTooSoonError when none is free),
 * stamped with the server time so readers' live queries see the change.
 */
function updateWithSlot(roomId: string, messageId: string, uid: string, patch: UpdateData<object>) {
  const ref = messageRef(roomId, messageId)
  return commitWithSlot(ref, uid, (batch) => {
    batch.update(ref, { ...patch, updatedAt: serverTimestamp() })
  })
}

/** Replaces the text of one's own message (allowed within the edit window). */
export function editMessage(roomId: string, messageId: string, uid: string, text: string) {
  return updateWithSlot(roomId, messageId, uid, { text, editedAt: serverTimestamp() })
}

/** Adds or removes my reaction `key` on a message, in one atomic write. */
export function setReaction(
  roomId: string,
  messageId: string,
  uid: string,
  key: ReactionKey,
  on: boolean,
) {
  return updateWithSlot(roomId, messageId, uid, {
    [`reactions.${key}`]: on ? arrayUnion(uid) : arrayRemove(uid),
  })
}

/**
 * Writes a photo message (`caption` may be empty) and its photo in one batch with its send-log
 * slot, as the member
 * `senderId` named `senderName`; the photo is stored under the message's id.
 */
export async function sendPhotoMessage(
  ref: DocumentReference,
  senderId: string,
  senderName: string,
  photo: EncodedPhoto,
  caption: string,
): Promise<void> {
  return commitWithSlot(ref, senderId, async (batch) => {
    batch.set(ref, {
      kind: 'photo',
      photo: await photoMessageField(ref.id, photo),
      text: caption,
      senderId,
      senderName,
      createdAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
    })
    await putRoomPhoto(batch, ref, photo)
  })
}

/** Soft-deletes one's own message: its text is erased and it shows as deleted. */
export function deleteMessage(roomId: string, messageId: string, uid: string) {
  return updateWithSlot(roomId, messageId, uid, { text: '', deletedAt: serverTimestamp() })
}

export type PresenceField = 'lastReadAt' | 'typingAt' | 'activeAt'

/**
 * Sets presence fields of one's own member doc to the server time, and `seenAt` with them (the
 * roster lists the owner and the members seen most recently).
 */
export function touchMember(roomId: string, uid: string, fields: PresenceField[]) {
  return updateDoc(
    memberDoc(roomId, uid),
    Object.fromEntries([...fields, 'seenAt'].map((f) => [f, serverTimestamp()])),
  )
}

/** My block list: people whose messages are hidden for me. */
export const blocksQuery = (uid: string): Query =>
  query(collection(db, 'users', uid, 'blocks'), limit(OWN_LIST_QUERY_LIMIT_MAX))

/** `uid` blocked as many people as a window allows (firestore.rules, BLOCKS_PER_WINDOW). */
export class BlockTooSoonError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('Too many blocks; try again later.')
    this.name = 'BlockTooSoonError'
  }
}

/**
 * Blocks `blockedUid` (named `username`) for `uid`, in one batch with the write of uid's block
 * log that counts it. Throws BlockTooSoonError, writing nothing, when the window is full.
 */
export async function block(uid: string, blockedUid: string, username: string): Promise<void> {
  const logRef = doc(db, 'blockLogs', uid)
  const log = (await getDoc(logRef)).data() as BlockLog<Timestamp> | undefined
  const next = nextBlock(log, Date.now(), (at) => at.toMillis())
  if (next.waitMs > 0) throw new BlockTooSoonError(next.waitMs)
  const batch = writeBatch(db)
  batch.set(logRef, {
    windowAt: next.newWindow || !log ? serverTimestamp() : log.windowAt,
    count: next.count,
    blockedUid,
    blockedAt: serverTimestamp(),
  })
  batch.set(doc(db, 'users', uid, 'blocks', blockedUid), {
    username,
    createdAt: serverTimestamp(),
  })
  await batch.commit()
}

/** Unblocks `blockedUid` for `uid`. */
export function unblock(uid: string, blockedUid: string) {
  return deleteDoc(doc(db, 'users', uid, 'blocks', blockedUid))
}

/** My role, join time and read position in every room I am in, in one document. */
export const membershipsDoc = (uid: string): DocumentReference =>
  doc(db, 'users', uid, 'state', 'memberships')

/** Rooms I muted: no badge or in-app notice for them. */
export const mutedRoomsQuery = (uid: string): Query =>
  query(collection(db, 'users', uid, 'mutedRooms'), limit(OWN_LIST_QUERY_LIMIT_MAX))

/** Mutes or unmutes `roomId` for `uid`. */
export function setMuted(uid: string, roomId: string, muted: boolean) {
  const ref = doc(db, 'users', uid, 'mutedRooms', roomId)
  return muted ? setDoc(ref, { createdAt: serverTimestamp() }) : deleteDoc(ref)
}
