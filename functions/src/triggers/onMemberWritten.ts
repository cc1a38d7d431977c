import type { Timestamp } from 'firebase-admin/firestore'
import { onDocumentWritten } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import { foldRoster, writtenAt } from '../services/roster'

/** Keeps the room's roster (rooms/{id}/state/roster) on its member docs, at most ~1 write/s. */
export const onMemberWritten = onDocumentWritten(
  { document: 'rooms/{roomId}/members/{uid}', region: REGION },
  async (event) => {
    const after = event.data?.after
    if (!after) return
    await foldRoster(event.params.roomId, {
      uid: event.params.uid,
      writtenAt: writtenAt(after),
      seenAt: after.exists ? ((after.get('seenAt') as Timestamp | undefined) ?? null) : null,
    })
  },
)
