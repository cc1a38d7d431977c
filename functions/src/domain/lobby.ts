// The public face of a room (`publicRooms/{roomId}`) and how the lobby ranks it.
import type { PublicRoomDoc, RoomDoc } from './types'

/**
 * Added to the rank of a room with at least two members: such rooms always come before rooms
 * of one person, whose creator nobody has joined (larger than any time in ms for millennia).
 */
export const RANK_OCCUPIED = 10_000_000_000_000
/** Activity is kept to the minute, so a busy room's public face changes at most once a minute. */
export const ACTIVITY_RESOLUTION_MS = 60_000

/** `at` (ms) rounded down to the activity resolution. */
export function activityMinute(at: number): number {
  return at - (at % ACTIVITY_RESOLUTION_MS)
}

/**
 * Lobby order: rooms with people in them first, then by the latest activity (creation, a join,
 * a message). A room nobody else joined sorts below every room two people are in.
 */
export function roomRank(memberCount: number, lastActiveAt: number): number {
  return (memberCount >= 2 ? RANK_OCCUPIED : 0) + lastActiveAt
}

/** The public face of a room with `memberCount` members, last active at `lastActiveAt` (ms). */
export function publicFace<T>(
  room: Pick<RoomDoc<T>, 'kind' | 'title' | 'itemId' | 'capacity' | 'hasPassword' | 'createdAt'>,
  memberCount: number,
  lastActiveAt: number,
): PublicRoomDoc<T> {
  const active = activityMinute(lastActiveAt)
  return {
    kind: room.kind,
    title: room.title,
    ...(room.itemId ? { itemId: room.itemId } : {}),
    capacity: room.capacity,
    hasPassword: room.hasPassword,
    memberCount,
    createdAt: room.createdAt,
    lastActiveAt: active,
    rank: roomRank(memberCount, active),
  }
}
