import {
  collection,
  doc,
  getDocs,
  limit,
  query,
  serverTimestamp,
  updateDoc,
  where,
} from 'firebase/firestore'
import { beforeEach, describe, expect, it } from 'vitest'
import { itemKeywords } from '../../functions/src/domain/search'
import { writeItemKeywords } from '../../functions/src/services/itemKeywords'
import { db } from '../support/admin'
import { type TestClient, listItem, useClients } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { seedProfile, until } from '../support/market'

const newClient = useClients()
beforeEach(clearFirestore)

const keywordsOf = async (itemId: string) =>
  ((await db.doc(`items/${itemId}`).get()).get('keywords') as string[] | undefined) ?? []

/** Item ids a client finds with one keyword, as the market asks. */
async function search(c: TestClient, keyword: string) {
  const snap = await getDocs(
    query(collection(c.db, 'items'), where('keywords', 'array-contains', keyword), limit(20)),
  )
  return snap.docs.map((d) => d.id)
}

describe('keywords trigger', () => {
  it('a new listing gets keywords: Korean prefixes, Latin case and width, description words', async () => {
    const seller = await newClient()
    await seedProfile(seller.uid, 'Seller')
    await listItem(seller, 'bike', {
      sellerId: seller.uid,
      sellerName: 'Seller',
      title: '접이식 자전거',
      description: 'Road ＢＩＫＥ, 21 gears',
      price: 50000,
      status: 'available',
      createdAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
    })
    const keywords = await until(
      () => keywordsOf('bike'),
      (k) => k.length > 0,
    )
    expect(keywords).toEqual(itemKeywords('접이식 자전거', 'Road ＢＩＫＥ, 21 gears'))
    for (const found of ['자', '자전', '자전거', '접이', 'bike', 'bi', 'road', '21', 'gears']) {
      expect(keywords, found).toContain(found)
    }
    expect(keywords).not.toContain('BIKE')
    expect(keywords).not.toContain('전거')
    expect(await search(seller, '자전')).toEqual(['bike'])

    // An edit rewrites them: the old title's words go, the new ones come.
    // The item's first edit opens its edit window (firestore.rules).
    await updateDoc(doc(seller.db, 'items/bike'), {
      title: 'Folding bicycle',
      updatedAt: serverTimestamp(),
      editWindowAt: serverTimestamp(),
      edits: 1,
    })
    const edited = await until(
      () => keywordsOf('bike'),
      (k) => k.includes('folding'),
    )
    expect(edited).toContain('bicycle')
    expect(edited).toContain('bike')
    expect(edited).not.toContain('자전')
    expect(await search(seller, '자전')).toEqual([])
    expect(await search(seller, 'fold')).toEqual(['bike'])
  })

  it('a redelivered event changes nothing', async () => {
    await db.doc('items/lamp').set({ sellerId: 's', title: 'Desk Lamp', description: '' })
    await until(
      () => keywordsOf('lamp'),
      (k) => k.length > 0,
    )
    expect(await writeItemKeywords('lamp')).toBe(false)
    expect(await writeItemKeywords('gone')).toBe(false)
    await db.doc('items/lamp').update({ keywords: ['stale'] })
    expect(await writeItemKeywords('lamp')).toBe(true)
    expect(await keywordsOf('lamp')).toEqual(itemKeywords('Desk Lamp', ''))
  })
})
