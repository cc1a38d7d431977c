// Room data verbs: the queries the room pages listen to and the writes members make directly
// (checked by firestore.rules; no function on the send path).
import {
  type DocumentReference,
  type DocumentSnapshot,
  type Query,
  type QueryConstraint,
  type Timestamp,
  arrayRemove,
  arrayUnion,
  addDoc,
  collection,
  deleteDoc,
  doc,
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
import type { ReactionKey, ReportReason } from '@domain/chat'
import { MESSAGE_PAGE_SIZE } from '@domain/limits'
import type { ReplyTo } from '@domain/types'
import { db } from '@/lib/db'
import { type EncodedPhoto, photoMessageField, putRoomPhoto } from '@/lib/photos'

export const roomDoc = (roomId: string) => doc(db, 'rooms', roomId)
export const memberDoc = (roomId: string, uid: string) => doc(db, 'rooms', roomId, 'members', uid)
export const membersQuery = (roomId: string): Query => collection(db, 'rooms', roomId, 'members')
const messages = (roomId: string) => collection(db, 'rooms', roomId, 'messages')

/** Open rooms, most recent activity first. */
export function openRoomsQuery(max = 100): Query {
  return query(
    collection(db, 'rooms'),
    where('kind', '==', 'open'),
    orderBy('lastMessageAt', 'desc'),
    limit(max),
  )
}

/**
 * The read position of a member's history: an item room's buyer reads from their `joinedAt` on
 * (the rules refuse queries without this bound); null reads the whole history.
 */
export type HistoryBound = Timestamp | null

const from = (since: HistoryBound): QueryConstraint[] =>
  since ? [where('createdAt', '>=', since)] : []

/** The public face of a room a non-member may read before joining (title, members, lock). */
export const roomPreviewDoc = (roomId: string): DocumentReference => roomDoc(roomId)

/** The newest page of a room's messages (newest first). */
export function latestMessagesQuery(roomId: string, since: HistoryBound = null): Query {
  return query(
    messages(roomId),
    ...from(since),
    orderBy('createdAt', 'desc'),
    limit(MESSAGE_PAGE_SIZE),
  )
}

/** The page of messages older than `oldest` (newest first). */
export function olderMessagesQuery(
  roomId: string,
  oldest: DocumentSnapshot,
  since: HistoryBound = null,
): Query {
  return query(
    messages(roomId),
    ...from(since),
    orderBy('createdAt', 'desc'),
    startAfter(oldest),
    limit(MESSAGE_PAGE_SIZE),
  )
}

/** The ref of a message; a fresh id when none is given (a failed send retries under its id). */
export function messageRef(roomId: string, messageId?: string): DocumentReference {
  return messageId ? doc(messages(roomId), messageId) : doc(messages(roomId))
}

/** Writes a text message as the member `senderId` named `senderName`, maybe a reply. */
export function sendMessage(
  ref: DocumentReference,
  senderId: string,
  senderName: string,
  text: string,
  replyTo?: ReplyTo,
) {
  return setDoc(ref, {
    kind: 'text',
    text,
    senderId,
    senderName,
    createdAt: serverTimestamp(),
    ...(replyTo ? { replyTo } : {}),
  })
}

/** Replaces the text of one's own message (allowed within the edit window). */
export function editMessage(roomId: string, messageId: string, text: string) {
  return updateDoc(doc(messages(roomId), messageId), { text, editedAt: serverTimestamp() })
}

/** Adds or removes my reaction `key` on a message, in one atomic write. */
export function setReaction(
  roomId: string,
  messageId: string,
  uid: string,
  key: ReactionKey,
  on: boolean,
) {
  return updateDoc(doc(messages(roomId), messageId), {
    [`reactions.${key}`]: on ? arrayUnion(uid) : arrayRemove(uid),
  })
}

/**
 * Writes a photo message (`caption` may be empty) and its photo in one batch, as the member
 * `senderId` named `senderName`; the photo is stored under the message's id.
 */
export async function sendPhotoMessage(
  ref: DocumentReference,
  senderId: string,
  senderName: string,
  photo: EncodedPhoto,
  caption: string,
) {
  const batch = writeBatch(db)
  batch.set(ref, {
    kind: 'photo',
    photo: await photoMessageField(ref.id, photo),
    text: caption,
    senderId,
    senderName,
    createdAt: serverTimestamp(),
  })
  await putRoomPhoto(batch, ref, photo)
  return batch.commit()
}

/** Soft-deletes one's own message: its text is erased and it shows as deleted. */
export function deleteMessage(roomId: string, messageId: string) {
  return updateDoc(doc(messages(roomId), messageId), { text: '', deletedAt: serverTimestamp() })
}

export type PresenceField = 'lastReadAt' | 'typingAt' | 'activeAt'

/** Sets presence fields of one's own member doc to the server time. */
export function touchMember(roomId: string, uid: string, fields: PresenceField[]) {
  return updateDoc(
    memberDoc(roomId, uid),
    Object.fromEntries(fields.map((f) => [f, serverTimestamp()])),
  )
}

/** Reports a person (and maybe one of their messages) met in `roomId`. Nobody reads it back. */
export function report(
  reporterId: string,
  input: {
    targetUid: string
    roomId: string
    messageId: string | null
    reason: ReportReason
    note: string
  },
) {
  return addDoc(collection(db, 'reports'), { reporterId, ...input, createdAt: serverTimestamp() })
}

/** My block list: people whose messages are hidden for me. */
export const blocksQuery = (uid: string): Query => collection(db, 'users', uid, 'blocks')

/** Blocks `blockedUid` (named `username`) for `uid`. */
export function block(uid: string, blockedUid: string, username: string) {
  return setDoc(doc(db, 'users', uid, 'blocks', blockedUid), {
    username,
    createdAt: serverTimestamp(),
  })
}

/** Unblocks `blockedUid` for `uid`. */
export function unblock(uid: string, blockedUid: string) {
  return deleteDoc(doc(db, 'users', uid, 'blocks', blockedUid))
}

/** Rooms I muted: no badge or in-app notice for them. */
export const mutedRoomsQuery = (uid: string): Query => collection(db, 'users', uid, 'mutedRooms')

/** Mutes or unmutes `roomId` for `uid`. */
export function setMuted(uid: string, roomId: string, muted: boolean) {
  const ref = doc(db, 'users', uid, 'mutedRooms', roomId)
  return muted ? setDoc(ref, { createdAt: serverTimestamp() }) : deleteDoc(ref)
}
