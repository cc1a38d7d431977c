import type { Timestamp } from 'firebase-admin/firestore'
import { onDocumentWritten } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import type { MemberDoc } from '../domain/types'
import { concernsMemberships, syncMembership } from '../services/memberships'
import { foldRoster, writtenAt } from '../services/roster'

/**
 * Keeps the room's roster (rooms/{id}/state/roster) on its member docs, at most ~1 write/s, and
 * the member's own memberships document (users/{uid}/state/memberships) on their role, join
 * time and read position.
 */
export const onMemberWritten = onDocumentWritten(
  { document: 'rooms/{roomId}/members/{uid}', region: REGION },
  async (event) => {
    const after = event.data?.after
    if (!after) return
    const { roomId, uid } = event.params
    const before = event.data?.before.data() as MemberDoc<Timestamp> | undefined
    await Promise.all([
      foldRoster(roomId, {
        uid,
        writtenAt: writtenAt(after),
        seenAt: after.exists ? ((after.get('seenAt') as Timestamp | undefined) ?? null) : null,
      }),
      concernsMemberships(before, after.data() as MemberDoc<Timestamp> | undefined)
        ? syncMembership(roomId, uid)
        : null,
    ])
  },
)
