import { onDocumentUpdated } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import { applyDeletionToSummary } from '../services/roomSummary'

/** Erases a deleted message from its room's summary when the summary shows it. */
export const onMessageUpdated = onDocumentUpdated(
  { document: 'rooms/{roomId}/messages/{messageId}', region: REGION },
  async (event) => {
    const before = event.data?.before.data()
    const after = event.data?.after.data()
    if (!before || !after || before.deletedAt != null || after.deletedAt == null) return
    await applyDeletionToSummary(event.params.roomId, event.params.messageId)
  },
)
