import { beforeEach, describe, expect, it } from 'vitest'
import { NOTICE_ROUNDS_PER_WINDOW, NOTICE_WINDOW_MS } from '../../functions/src/domain/notices'
import type { ItemDoc } from '../../functions/src/domain/types'
import { noticeFavoriters } from '../../functions/src/services/favoriteNotices'
import { favoriteRef, noticeRef } from '../../functions/src/services/paths'
import { db } from '../support/admin'
import { clearFirestore } from '../support/emulators'
import { itemData, until } from '../support/market'

beforeEach(clearFirestore)

const T0 = Date.parse('2026-01-01T00:00:00Z')
const item = (price: number, status: ItemDoc['status'] = 'available'): ItemDoc =>
  itemData('seller', status, { price }) as ItemDoc

/** `uids` keep `itemId` among their favourites (seeded as setFavorite writes them). */
async function keep(itemId: string, uids: string[]) {
  const batch = db.batch()
  for (const uid of uids) {
    batch.set(favoriteRef(uid, itemId), { itemId, title: 'Bicycle', createdAt: new Date() })
  }
  await batch.commit()
}

/** uid → kind of that person's notice of `itemId`, for those who have one. */
async function noticesOf(itemId: string, uids: string[]) {
  const snaps = await db.getAll(...uids.map((uid) => noticeRef(uid, itemId)))
  return Object.fromEntries(
    snaps.filter((s) => s.exists).map((s) => [s.ref.parent.parent!.id, s.get('kind') as string]),
  )
}

describe('favourite notices (in-process)', () => {
  it('a price drop: one notice for each person keeping it, none for the seller or others; a rise: none', async () => {
    await keep('bike', ['a', 'b', 'seller'])
    await keep('other', ['c'])
    const round = await noticeFavoriters('bike', item(50000), item(45000), 'e1', T0)
    expect(round).toEqual({ kind: 'price-drop', written: 2 })
    expect(await noticesOf('bike', ['a', 'b', 'c', 'seller'])).toEqual({
      a: 'price-drop',
      b: 'price-drop',
    })
    const doc = (await noticeRef('a', 'bike').get()).data()
    expect(doc).toMatchObject({
      itemId: 'bike',
      title: 'Bicycle',
      price: 45000,
      previousPrice: 50000,
      read: false,
      eventId: 'e1',
    })
    expect(await noticeFavoriters('bike', item(45000), item(47000), 'e2', T0 + 1000)).toEqual({
      kind: null,
      written: 0,
    })
    // Reserving is no news either.
    expect(
      await noticeFavoriters('bike', item(47000), item(47000, 'reserved'), 'e3', T0 + 2000),
    ).toEqual({ kind: null, written: 0 })
    expect((await noticeRef('a', 'bike').get()).get('eventId')).toBe('e1')
  })

  it('reserved → available again: a notice', async () => {
    await keep('lamp', ['a'])
    const round = await noticeFavoriters('lamp', item(9000, 'reserved'), item(9000), 'e1', T0)
    expect(round).toEqual({ kind: 'available', written: 1 })
    expect((await noticeRef('a', 'lamp').get()).data()).toMatchObject({
      kind: 'available',
      price: 9000,
      previousPrice: null,
    })
  })

  it('a redelivered event (again, or twice at once) leaves one notice each, read marks kept', async () => {
    await keep('desk', ['a', 'b'])
    const run = () => noticeFavoriters('desk', item(30000), item(25000), 'e1', T0)
    expect((await run()).written).toBe(2)
    await noticeRef('a', 'desk').update({ read: true })
    expect(await run()).toEqual({ kind: 'price-drop', written: 0 })
    expect((await noticeRef('a', 'desk').get()).get('read')).toBe(true)
    expect((await db.collection('users/b/notices').get()).size).toBe(1)
    // Twice at once for a new event: both runs agree on one round.
    const both = await Promise.all([
      noticeFavoriters('desk', item(25000), item(20000), 'e2', T0 + 1000),
      noticeFavoriters('desk', item(25000), item(20000), 'e2', T0 + 1000),
    ])
    expect(both.map((r) => r.kind)).toEqual(['price-drop', 'price-drop'])
    expect((await noticeRef('b', 'desk').get()).get('eventId')).toBe('e2')
    expect((await db.collection('users/b/notices').get()).size).toBe(1)
    // An older event arriving late is stale.
    expect((await noticeFavoriters('desk', item(30000), item(28000), 'e0', T0 - 1)).kind).toBe(null)
  })

  it(`a seller dropping the price 1 won at a time: at most ${NOTICE_ROUNDS_PER_WINDOW} rounds an hour`, async () => {
    await keep('tv', ['a'])
    const kinds: (string | null)[] = []
    let price = 100000
    for (let i = 0; i < 10; i++) {
      const round = await noticeFavoriters('tv', item(price), item(price - 1), `d${i}`, T0 + i)
      kinds.push(round.kind)
      price--
    }
    expect(kinds.filter((k) => k !== null)).toHaveLength(NOTICE_ROUNDS_PER_WINDOW)
    // Flipping reserved → available within the same window: nothing more either.
    expect(
      (await noticeFavoriters('tv', item(price, 'reserved'), item(price), 'f1', T0 + 20)).kind,
    ).toBe(null)
    // Raising it back and dropping to a price already announced is no news, even later.
    const later = T0 + NOTICE_WINDOW_MS
    expect((await noticeFavoriters('tv', item(100000), item(99999), 'g1', later)).kind).toBe(null)
    // A new window takes a drop below the lowest announced price.
    expect((await noticeFavoriters('tv', item(price), item(price - 1), 'g2', later)).kind).toBe(
      'price-drop',
    )
    expect((await noticeRef('a', 'tv').get()).get('price')).toBe(price - 1)
  })
})

describe('onFavoriteItemUpdated (trigger)', () => {
  it('an item edited to a lower price gives the person keeping it a notice', async () => {
    await db.doc('items/chair').set(itemData('seller', 'available', { price: 20000 }))
    await keep('chair', ['a'])
    await db.doc('items/chair').update({ price: 15000 })
    const notice = await until(
      async () => (await noticeRef('a', 'chair').get()).data(),
      (data) => data !== undefined,
    )
    expect(notice).toMatchObject({ kind: 'price-drop', price: 15000, previousPrice: 20000 })
  })
})
