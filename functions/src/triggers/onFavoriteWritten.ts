import { onDocumentWritten } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import { recountFavorites } from '../services/favorites'

/** Keeps the item's favoriteCount equal to its number of favourites. */
export const onFavoriteWritten = onDocumentWritten(
  { document: 'users/{uid}/favorites/{itemId}', region: REGION },
  async (event) => {
    await recountFavorites(event.params.itemId)
  },
)
