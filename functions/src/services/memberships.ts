// `users/{uid}/state/memberships`: a member's role, join time and read position in every room
// they are in, one document per user, so "my chats" reads one document and not one member doc
// per room. The onMemberWritten trigger keeps it: each sync copies the member doc as it is now
// (read in the transaction), so events that arrive twice or out of order leave it right.
import { FieldPath, FieldValue, type Timestamp } from 'firebase-admin/firestore'
import { db } from '../admin'
import type { MemberDoc, Membership } from '../domain/types'
import { memberRef, membershipsRef } from './paths'

function same(a: Timestamp | null | undefined, b: Timestamp | null | undefined): boolean {
  return a == null || b == null ? a == b : a.isEqual(b)
}

/** Whether a member doc change concerns the mirror (not typing, activity or seenAt alone). */
export function concernsMemberships(
  before: MemberDoc<Timestamp> | undefined,
  after: MemberDoc<Timestamp> | undefined,
): boolean {
  if (!before || !after) return before !== after
  return (
    before.role !== after.role ||
    !same(before.joinedAt, after.joinedAt) ||
    !same(before.lastReadAt, after.lastReadAt)
  )
}

/** Copies `uid`'s member doc of `roomId` (or its absence) into their memberships document. */
export async function syncMembership(roomId: string, uid: string): Promise<void> {
  const ref = membershipsRef(uid)
  await db.runTransaction(async (tx) => {
    const [member, mine] = await Promise.all([tx.get(memberRef(roomId, uid)), tx.get(ref)])
    const rooms = (mine.get('rooms') ?? {}) as Record<string, Membership<Timestamp>>
    const current = rooms[roomId]
    const data = member.data() as MemberDoc<Timestamp> | undefined
    if (!data) {
      if (!current) return
      if (Object.keys(rooms).length === 1) tx.delete(ref)
      else tx.update(ref, new FieldPath('rooms', roomId), FieldValue.delete())
      return
    }
    const next: Membership<Timestamp> = {
      role: data.role,
      joinedAt: data.joinedAt,
      lastReadAt: data.lastReadAt ?? null,
    }
    if (
      current &&
      current.role === next.role &&
      same(current.joinedAt, next.joinedAt) &&
      same(current.lastReadAt, next.lastReadAt)
    ) {
      return
    }
    if (mine.exists) tx.update(ref, new FieldPath('rooms', roomId), next)
    else tx.set(ref, { rooms: { [roomId]: next } })
  })
}
