import type { Timestamp } from 'firebase-admin/firestore'
import { onDocumentCreated } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import type { MessageDoc } from '../domain/types'
import { summarizeNewMessage } from '../services/roomSummary'

/** Keeps the room's `lastMessage` / `lastMessageAt` on its newest message, at most ~1 write/s. */
export const onMessageCreated = onDocumentCreated(
  { document: 'rooms/{roomId}/messages/{messageId}', region: REGION },
  async (event) => {
    const message = event.data?.data() as MessageDoc<Timestamp> | undefined
    if (!message) return
    await summarizeNewMessage(event.params.roomId, event.params.messageId, message)
  },
)
