import type { Timestamp } from 'firebase-admin/firestore'
import { onDocumentCreated } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import type { MessageDoc } from '../domain/types'
import { applyMessageToSummary } from '../services/roomSummary'

/** Keeps the room's `lastMessage` / `lastMessageAt` on its newest message. */
export const onMessageCreated = onDocumentCreated(
  { document: 'rooms/{roomId}/messages/{messageId}', region: REGION },
  async (event) => {
    const message = event.data?.data() as MessageDoc<Timestamp> | undefined
    if (!message) return
    await applyMessageToSummary(event.params.roomId, event.params.messageId, message)
  },
)
