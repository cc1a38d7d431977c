import { onDocumentUpdated } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import type { Timestamp } from 'firebase-admin/firestore'
import type { MessageDoc } from '../domain/types'
import { applyMessageToSummary } from '../services/roomSummary'

/** Erases a deleted message's words from its room's summary (see applyMessageToSummary). */
export const onMessageUpdated = onDocumentUpdated(
  { document: 'rooms/{roomId}/messages/{messageId}', region: REGION },
  async (event) => {
    const before = event.data?.before.data() as MessageDoc<Timestamp> | undefined
    const after = event.data?.after.data() as MessageDoc<Timestamp> | undefined
    if (!before || !after || before.deletedAt != null || after.deletedAt == null) return
    await applyMessageToSummary(event.params.roomId, event.params.messageId, after)
  },
)
