// Room data verbs: the queries the room pages listen to and the writes members make directly
// (checked by firestore.rules; no function on the send path).
import {
  type DocumentReference,
  type DocumentSnapshot,
  type Query,
  collection,
  doc,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  startAfter,
  updateDoc,
  where,
} from 'firebase/firestore'
import { MESSAGE_PAGE_SIZE } from '@domain/limits'
import { db } from '@/lib/db'

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

/** The newest page of a room's messages (newest first). */
export function latestMessagesQuery(roomId: string): Query {
  return query(messages(roomId), orderBy('createdAt', 'desc'), limit(MESSAGE_PAGE_SIZE))
}

/** The page of messages older than `oldest` (newest first). */
export function olderMessagesQuery(roomId: string, oldest: DocumentSnapshot): Query {
  return query(
    messages(roomId),
    orderBy('createdAt', 'desc'),
    startAfter(oldest),
    limit(MESSAGE_PAGE_SIZE),
  )
}

/** The ref of a message; a fresh id when none is given (a failed send retries under its id). */
export function messageRef(roomId: string, messageId?: string): DocumentReference {
  return messageId ? doc(messages(roomId), messageId) : doc(messages(roomId))
}

/** Writes a text message as the member `senderId` named `senderName`. */
export function sendMessage(
  ref: DocumentReference,
  senderId: string,
  senderName: string,
  text: string,
) {
  return setDoc(ref, { kind: 'text', text, senderId, senderName, createdAt: serverTimestamp() })
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
