import { describe, expect, it } from 'vitest'
import { unreadFromRecent } from '@domain/recentMessages'
import type { RecentMessage } from '@domain/types'

const at = (seconds: number) => ({ seconds, nanoseconds: 0 })
/** A summary's list for messages at the given seconds (newest first), by `me` where marked. */
function list(
  ...entries: [number, string][]
): RecentMessage<{ seconds: number; nanoseconds: number }>[] {
  return entries.map(([s, by]) => ({ at: at(s), by }))
}

describe('unread counts from a room summary', () => {
  const recent = list([50, 'a'], [40, 'me'], [30, 'b'], [20, 'a'])

  it('counts the messages of others after my read position', () => {
    expect(unreadFromRecent(recent, at(50), at(25), null, 'me', 4)).toBe(2)
    expect(unreadFromRecent(recent, at(50), at(30), null, 'me', 4)).toBe(1)
    expect(unreadFromRecent(recent, at(50), at(50), null, 'me', 4)).toBe(0)
  })

  it('counts only from a buyer’s join on', () => {
    expect(unreadFromRecent(recent, at(50), null, at(30), 'me', 4)).toBe(2)
    expect(unreadFromRecent(recent, at(50), at(35), at(30), 'me', 4)).toBe(1)
  })

  it('counts every message when the list is not full (it is the whole history)', () => {
    expect(unreadFromRecent(recent, at(50), null, null, 'me', 5)).toBe(3)
  })

  it('cannot tell when the full list is unread to its oldest entry: older ones may be', () => {
    expect(unreadFromRecent(recent, at(50), null, null, 'me', 4)).toBeNull()
    expect(unreadFromRecent(recent, at(50), at(10), null, 'me', 4)).toBeNull()
    expect(unreadFromRecent(recent, at(50), null, at(20), 'me', 4)).toBe(3)
  })

  it('cannot tell without a list that ends on the room’s last message', () => {
    expect(unreadFromRecent(undefined, at(50), null, null, 'me', 4)).toBeNull()
    expect(unreadFromRecent([], at(50), null, null, 'me', 4)).toBeNull()
    expect(unreadFromRecent(recent, at(60), at(45), null, 'me', 4)).toBeNull()
    expect(unreadFromRecent(recent, null, null, null, 'me', 4)).toBeNull()
  })

  it('compares below a second', () => {
    const fine = [{ at: { seconds: 50, nanoseconds: 2 }, by: 'a' }]
    expect(
      unreadFromRecent(fine, fine[0]!.at, { seconds: 50, nanoseconds: 1 }, null, 'me', 4),
    ).toBe(1)
    expect(unreadFromRecent(fine, fine[0]!.at, fine[0]!.at, null, 'me', 4)).toBe(0)
  })
})
