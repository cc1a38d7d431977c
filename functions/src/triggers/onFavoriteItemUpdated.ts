import { onDocumentUpdated } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import type { ItemDoc } from '../domain/types'
import { noticeFavoriters } from '../services/favoriteNotices'

/** Tells the people keeping an item when its price drops or it is available again. */
export const onFavoriteItemUpdated = onDocumentUpdated(
  { document: 'items/{itemId}', region: REGION },
  async (event) => {
    const before = event.data?.before.data() as ItemDoc | undefined
    const after = event.data?.after.data() as ItemDoc | undefined
    if (!before || !after) return
    await noticeFavoriters(event.params.itemId, before, after, event.id, Date.parse(event.time))
  },
)
