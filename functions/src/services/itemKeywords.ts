// Keeps `items/{itemId}.keywords` equal to the keywords of its title and description.
import { db } from '../admin'
import { itemKeywords } from '../domain/search'
import type { ItemDoc } from '../domain/types'
import { itemRef } from './paths'

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((value, i) => value === b[i])
}

/**
 * Writes the keywords of `item` when they differ from the stored ones (a retried event, or the
 * event of this very write, then changes nothing). Reads the item afresh in a transaction, so a
 * late event never writes the keywords of an older title.
 */
export async function writeItemKeywords(itemId: string): Promise<boolean> {
  const ref = itemRef(itemId)
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref)
    const item = snap.data() as (ItemDoc & { keywords?: string[] }) | undefined
    if (!item) return false
    const keywords = itemKeywords(item.title, item.description)
    if (sameList(item.keywords, keywords)) return false
    tx.update(ref, { keywords })
    return true
  })
}
