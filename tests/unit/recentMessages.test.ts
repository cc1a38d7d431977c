import { describe, expect, it } from 'vitest'
import { type Stamp, unreadFromRecent } from '@domain/recentMessages'
import type { RecentMessage } from '@domain/types'

const at = (seconds: number) => ({ seconds, nanoseconds: 0 })
/** A summary's list for messages at the given seconds (newest first) by the given senders. */
function list(...entries: [number, string][]): RecentMessage<Stamp>[] {
  return entries.map(([s, by]) => ({ at: at(s), by }))
}
const recent = list([50, 'a'], [40, 'me'], [30, 'b'], [20, 'a'])
const room = { recent, lastMessageAt: at(50) }
/** My unread count in `summary` with my read position and history bound, lists of `max`. */
function unread(
  summary: { recent?: RecentMessage<Stamp>[]; lastMessageAt: Stamp | null; recentSince?: Stamp },
  readAt: number | null,
  since: number | null = null,
  max = 4,
) {
  const stamp = (s: number | null) => (s === null ? null : at(s))
  return unreadFromRecent(summary, { uid: 'me', readAt: stamp(readAt), since: stamp(since) }, max)
}

describe('unread counts from a room summary', () => {
  it('counts the messages of others after my read position', () => {
    expect(unread(room, 25)).toBe(2)
    expect(unread(room, 30)).toBe(1)
    expect(unread(room, 50)).toBe(0)
  })

  it('counts only from a buyer’s join on', () => {
    expect(unread(room, null, 30)).toBe(2)
    expect(unread(room, 35, 30)).toBe(1)
  })

  it('counts every message when the list is not full (it is the whole history)', () => {
    expect(unread(room, null, null, 5)).toBe(3)
  })

  it('cannot tell when the full list is unread to its oldest entry: older ones may be', () => {
    expect(unread(room, null)).toBeNull()
    expect(unread(room, 10)).toBeNull()
    expect(unread(room, null, 20)).toBe(3)
  })

  it('a list that starts again at a buyer’s join covers from there', () => {
    const since30 = {
      recent: list([50, 'a'], [40, 'me'], [30, 'b']),
      lastMessageAt: at(50),
      recentSince: at(30),
    }
    expect(unread(since30, 30)).toBe(1)
    expect(unread(since30, null, 30)).toBe(2)
    // Read up to before the join: messages before it may be unread.
    expect(unread(since30, 25)).toBeNull()
    expect(unread(since30, null)).toBeNull()
  })

  it('cannot tell without a list that ends on the room’s last message', () => {
    expect(unread({ lastMessageAt: at(50) }, null)).toBeNull()
    expect(unread({ recent: [], lastMessageAt: at(50) }, null)).toBeNull()
    expect(unread({ recent, lastMessageAt: at(60) }, 45)).toBeNull()
    expect(unread({ recent, lastMessageAt: null }, null)).toBeNull()
  })

  it('compares below a second', () => {
    const newest = { seconds: 50, nanoseconds: 2 }
    const fine = { recent: [{ at: newest, by: 'a' }], lastMessageAt: newest }
    const reader = (readAt: Stamp) => ({ uid: 'me', readAt, since: null })
    expect(unreadFromRecent(fine, reader({ seconds: 50, nanoseconds: 1 }), 4)).toBe(1)
    expect(unreadFromRecent(fine, reader(newest), 4)).toBe(0)
  })
})
