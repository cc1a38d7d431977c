// The room summary's list of its newest messages (`recent`: time and sender, newest first) and
// the unread count "my chats" takes from it. The list always holds every message from its
// oldest entry (or the room's `recentSince`) on, so a read position at or after that is counted
// exactly; before it, or with a list that does not end on the room's last message, the count is
// unknown here (null) and the client asks the server.
import type { RecentMessage } from './types'

/** What both SDKs' Timestamps have. */
export interface Stamp {
  seconds: number
  nanoseconds: number
}

function compare(a: Stamp, b: Stamp): number {
  return a.seconds - b.seconds || a.nanoseconds - b.nanoseconds
}

/** What "my chats" knows of a room: its summary. */
export interface RoomSummary<T> {
  recent?: RecentMessage<T>[]
  recentSince?: T
  lastMessageAt: T | null
}

/** Whose count: their uid, read position (null: none read) and history bound (null: none). */
export interface Reader<T> {
  uid: string
  readAt: T | null
  since: T | null
}

/**
 * Unread messages from others in a room, from its summary: those after the reader's `readAt`
 * (exclusive) and from their `since` on (inclusive; an item room's buyer reads from their join),
 * not sent by them. Null when the list cannot tell: it is missing, does not end on
 * `lastMessageAt`, or messages before what it covers may be unread too.
 */
export function unreadFromRecent<T extends Stamp>(
  room: RoomSummary<T>,
  reader: Reader<T>,
  max: number,
): number | null {
  const { recent, lastMessageAt } = room
  const { readAt, since } = reader
  const newest = recent?.[0]
  if (!recent || !newest || !lastMessageAt || compare(newest.at, lastMessageAt) !== 0) return null
  // A full list covers from its oldest entry; a shorter one from `recentSince`, or all history.
  const covered = recent.length >= max ? (recent[recent.length - 1] as RecentMessage<T>).at : null
  const from = covered ?? room.recentSince ?? null
  const earlierMayBeUnread =
    from !== null && (!readAt || compare(from, readAt) > 0) && (!since || compare(from, since) > 0)
  if (earlierMayBeUnread) return null
  return recent.filter(
    (m) =>
      m.by !== reader.uid &&
      (!readAt || compare(m.at, readAt) > 0) &&
      (!since || compare(m.at, since) >= 0),
  ).length
}
