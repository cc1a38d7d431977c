import { onDocumentUpdated } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import type { ItemDoc } from '../domain/types'
import { postItemStatus } from '../services/itemStatus'

/** Posts `reserved` / `sold` / `available` into the item's room when its status changes. */
export const onItemUpdated = onDocumentUpdated(
  { document: 'items/{itemId}', region: REGION },
  async (event) => {
    const before = event.data?.before.data() as ItemDoc | undefined
    const after = event.data?.after.data() as ItemDoc | undefined
    if (!before || !after) return
    await postItemStatus(event.params.itemId, before, after, event.id)
  },
)
