import { onDocumentWritten } from 'firebase-functions/v2/firestore'
import { REGION } from '../domain/region'
import type { ItemDoc } from '../domain/types'
import { writeItemKeywords } from '../services/itemKeywords'

/** Writes an item's search keywords when it is listed and whenever its title or description change. */
export const onItemWritten = onDocumentWritten(
  { document: 'items/{itemId}', region: REGION },
  async (event) => {
    const before = event.data?.before.data() as ItemDoc | undefined
    const after = event.data?.after.data() as ItemDoc | undefined
    if (!after) return
    if (before && before.title === after.title && before.description === after.description) {
      // Nothing searchable changed; only an item stored without keywords gets them.
      if ((after as { keywords?: unknown }).keywords !== undefined) return
    }
    await writeItemKeywords(event.params.itemId)
  },
)
