// The room summary's list of its newest messages (`recent`: time and sender, newest first) and
// the unread count "my chats" takes from it. The list always holds every message from its
// oldest entry on, so a read position at or after that entry is counted exactly; before it, or
// with a list that does not end on the room's last message, the count is unknown here (null)
// and the client asks the server.
import type { RecentMessage } from './types'

/** What both SDKs' Timestamps have. */
export interface Stamp {
  seconds: number
  nanoseconds: number
}

function compare(a: Stamp, b: Stamp): number {
  return a.seconds - b.seconds || a.nanoseconds - b.nanoseconds
}

/**
 * Unread messages from others in a room, from its summary: those after `readAt` (exclusive;
 * null: none read) and from `since` on (inclusive; an item room's buyer reads from their join),
 * not sent by `uid`. Null when the list cannot tell: it is missing, does not end on
 * `lastMessageAt`, or is full and the messages before its oldest may be unread too.
 */
export function unreadFromRecent<T extends Stamp>(
  recent: RecentMessage<T>[] | undefined,
  lastMessageAt: T | null,
  readAt: T | null,
  since: T | null,
  uid: string,
  max: number,
): number | null {
  const newest = recent?.[0]
  if (!recent || !newest || !lastMessageAt || compare(newest.at, lastMessageAt) !== 0) return null
  const unread = (at: T) =>
    (!readAt || compare(at, readAt) > 0) && (!since || compare(at, since) >= 0)
  // Messages before the oldest listed (only when the list is full) are unread if it is past
  // my read position and my history bound.
  const oldest = recent[recent.length - 1] as RecentMessage<T>
  const olderMayBeUnread =
    (!readAt || compare(oldest.at, readAt) > 0) && (!since || compare(oldest.at, since) > 0)
  if (recent.length >= max && olderMayBeUnread) return null
  return recent.filter((m) => m.by !== uid && unread(m.at)).length
}
