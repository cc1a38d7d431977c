import { collection, doc, getDoc, getDocs, limit, query } from 'firebase/firestore'
import { beforeEach, describe, expect, it } from 'vitest'
import { FAVORITE_WRITES_MAX } from '../../functions/src/domain/limits'
import { recountFavorites, setFavoriteTx } from '../../functions/src/services/favorites'
import { accountRef, favoriteRef } from '../../functions/src/services/paths'
import { db, ids } from '../support/admin'
import { codeOf, useClients } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { seedItem, seedProfile, until } from '../support/market'
import { outcome } from '../support/outcome'

const newClient = useClients()
beforeEach(clearFirestore)

const favoriteCount = async (itemId: string) =>
  (await db.doc(`items/${itemId}`).get()).get('favoriteCount') as number | undefined

describe('setFavorite (callable)', () => {
  it('keeps and drops a favourite; only its owner reads the list; the count follows', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('bike', 'seller')
    const buyer = await newClient()
    const other = await newClient()
    await seedProfile(buyer.uid, 'Buyer')
    await seedProfile(other.uid, 'Other')
    expect(await buyer.call('setFavorite', { itemId: 'bike', on: true })).toEqual({ on: true })
    expect(await buyer.call('setFavorite', { itemId: 'bike', on: true })).toEqual({ on: true })
    expect(await other.call('setFavorite', { itemId: 'bike', on: true })).toEqual({ on: true })
    expect(await ids(`users/${buyer.uid}/favorites`)).toEqual(['bike'])
    expect(
      await until(
        () => favoriteCount('bike'),
        (n) => n === 2,
      ),
    ).toBe(2)
    const mine = await getDocs(
      query(collection(buyer.db, `users/${buyer.uid}/favorites`), limit(50)),
    )
    expect(mine.docs.map((d) => d.get('title'))).toEqual(['Bicycle'])
    expect(await codeOf(getDoc(doc(other.db, `users/${buyer.uid}/favorites/bike`)))).toBe(
      'permission-denied',
    )
    await buyer.call('setFavorite', { itemId: 'bike', on: false })
    expect(await ids(`users/${buyer.uid}/favorites`)).toEqual([])
    expect(
      await until(
        () => favoriteCount('bike'),
        (n) => n === 1,
      ),
    ).toBe(1)
  })

  it('refuses the signed-out, bad input and unknown items', async () => {
    const anon = await newClient('signed-out')
    expect(await codeOf(anon.call('setFavorite', { itemId: 'bike', on: true }))).toBe(
      'unauthenticated',
    )
    const c = await newClient()
    for (const data of [
      {},
      { itemId: 'bike' },
      { itemId: 'bike', on: 'yes' },
      { itemId: 'a/b', on: true },
    ]) {
      expect(await codeOf(c.call('setFavorite', data)), JSON.stringify(data)).toBe(
        'invalid-argument',
      )
    }
    // Without a live profile (none yet, or a deleted account): refused.
    await seedItem('bike', 'seller')
    expect(await codeOf(c.call('setFavorite', { itemId: 'bike', on: true }))).toBe(
      'failed-precondition',
    )
    await seedProfile(c.uid, 'Buyer')
    expect(await codeOf(c.call('setFavorite', { itemId: 'nope', on: true }))).toBe('not-found')
  })
})

describe('favourites (in-process)', () => {
  it(`at most ${FAVORITE_WRITES_MAX} changes an hour; asking for what is already so is free`, async () => {
    await seedItem('bike', 'seller')
    const now = Date.parse('2026-01-01T00:00:00Z')
    await seedProfile('u1', 'Buyer')
    await accountRef('u1').set({
      favoriteChanges: Array.from({ length: FAVORITE_WRITES_MAX }, () => now - 1000),
    })
    expect(await outcome(() => setFavoriteTx('u1', { itemId: 'bike', on: true }, now))).toBe(
      'resource-exhausted',
    )
    expect(await outcome(() => setFavoriteTx('u1', { itemId: 'bike', on: false }, now))).toBe('ok')
    await setFavoriteTx('u1', { itemId: 'bike', on: true }, now + 3_600_000)
    expect((await favoriteRef('u1', 'bike').get()).exists).toBe(true)
  })

  it('favoriteCount is right under redelivered and concurrent events', async () => {
    await seedItem('lamp', 'seller')
    await Promise.all(
      ['a', 'b', 'c'].map((uid) =>
        favoriteRef(uid, 'lamp').set({ itemId: 'lamp', title: 'Lamp', createdAt: new Date() }),
      ),
    )
    const counts = await Promise.all(Array.from({ length: 5 }, () => recountFavorites('lamp')))
    expect(counts).toEqual([3, 3, 3, 3, 3])
    expect(await favoriteCount('lamp')).toBe(3)
    expect(await recountFavorites('lamp')).toBe(3)
    expect(await recountFavorites('gone')).toBeNull()
    expect((await db.doc('items/gone').get()).exists).toBe(false)
  })
})
