import { onDocumentCreated } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import { removeBlockedBuyer } from '../services/itemRooms'

/** A seller's block takes the blocked buyer out of the chats of the seller's items. */
export const onBlockCreated = onDocumentCreated(
  { document: 'users/{uid}/blocks/{blockedUid}', region: REGION },
  async (event) => {
    await removeBlockedBuyer(event.params.uid, event.params.blockedUid)
  },
)
