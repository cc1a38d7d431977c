import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, it } from 'vitest'
import {
  actorProfiles,
  as,
  assertFails,
  assertSucceeds,
  itemDoc,
  listWithLog,
  moveStatus,
  rulesEnv,
  seed,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())

const past = new Date('2024-01-01T00:00:00Z')

/** `owner` sold `bike` to `member`; `lamp` went to someone outside marketchat. */
function deal(overrides: Record<string, unknown> = {}) {
  return {
    itemId: 'bike',
    sellerId: 'owner',
    buyerId: 'member',
    title: 'Bike',
    price: 1000,
    soldAt: past,
    sellerName: 'Owner',
    buyerName: 'Member',
    ...overrides,
  }
}

beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    ...actorProfiles(),
    'items/bike': itemDoc({
      status: 'sold',
      buyerId: 'member',
      soldAt: past,
      createdAt: past,
      updatedAt: past,
    }),
    'items/lamp': itemDoc({ title: 'Lamp', createdAt: past, updatedAt: past }),
    'deals/bike': deal(),
    'deals/lamp': deal({ itemId: 'lamp', title: 'Lamp', buyerId: null, buyerName: null }),
  })
})

describe('deals/{dealId}: the two parties', () => {
  it('the seller gets the deal and lists their sales', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.doc('deals/bike').get())
    await assertSucceeds(db.doc('deals/lamp').get())
    await assertSucceeds(
      db
        .collection('deals')
        .where('sellerId', '==', 'owner')
        .orderBy('soldAt', 'desc')
        .limit(20)
        .get(),
    )
  })

  it('the buyer gets the deal and lists their purchases', async () => {
    const db = as(env, 'member')
    await assertSucceeds(db.doc('deals/bike').get())
    await assertSucceeds(
      db
        .collection('deals')
        .where('buyerId', '==', 'member')
        .orderBy('soldAt', 'desc')
        .limit(20)
        .get(),
    )
  })

  it('neither lists all deals or the other side of someone else, nor writes', async () => {
    for (const actor of ['owner', 'member'] as const) {
      const db = as(env, actor)
      await assertFails(db.collection('deals').limit(20).get())
      await assertFails(db.collection('deals').where('buyerId', '==', 'stranger').limit(20).get())
      await assertFails(db.doc('deals/bike').update({ price: 1 }))
      await assertFails(db.doc('deals/bike').delete())
      await assertFails(db.doc('deals/new').set(deal({ itemId: 'new' })))
    }
  })
})

describe('deals/{dealId}: everyone else', () => {
  it('a stranger, a guest and the signed-out read nothing and write nothing', async () => {
    for (const actor of ['stranger', 'guest', 'signed-out'] as const) {
      const db = as(env, actor)
      await assertFails(db.doc('deals/bike').get())
      await assertFails(db.doc('deals/lamp').get())
      await assertFails(db.collection('deals').where('sellerId', '==', 'owner').limit(20).get())
      await assertFails(db.collection('deals').where('buyerId', '==', 'member').limit(20).get())
      await assertFails(db.doc('deals/x').set(deal({ itemId: 'x', buyerId: actor })))
      await assertFails(db.doc('deals/bike').delete())
    }
  })

  it('a stranger may list their own purchases (none)', async () => {
    await assertSucceeds(
      as(env, 'stranger').collection('deals').where('buyerId', '==', 'stranger').limit(20).get(),
    )
  })
})

describe('items: sold, buyerId and soldAt are functions-only', () => {
  it('the seller cannot mark sold, name a buyer or set soldAt', async () => {
    const db = as(env, 'owner')
    const lamp = db.doc('items/lamp')
    const at = { updatedAt: serverTimestamp() }
    // Counted in the status-change window, as a real move would be: refused only for `sold`.
    await assertFails(moveStatus(db, 'items/lamp', 'sold'))
    await assertFails(
      moveStatus(db, 'items/lamp', 'sold', { buyerId: 'member', soldAt: serverTimestamp() }),
    )
    await assertFails(lamp.update({ buyerId: 'member', ...at }))
    await assertFails(lamp.update({ soldAt: serverTimestamp(), ...at }))
    await assertSucceeds(moveStatus(db, 'items/lamp', 'reserved'))
  })

  it('keywords and favoriteCount are written by triggers only', async () => {
    const db = as(env, 'owner')
    const at = { updatedAt: serverTimestamp() }
    await assertFails(db.doc('items/lamp').update({ keywords: ['free'], ...at }))
    await assertFails(db.doc('items/lamp').update({ favoriteCount: 100, ...at }))
    await assertFails(listWithLog(db, 'owner', 'items/new', itemDoc({ keywords: ['bike'] })))
    await assertFails(listWithLog(db, 'owner', 'items/new', itemDoc({ favoriteCount: 0 })))
  })

  it('nobody creates an item already sold or with a buyer', async () => {
    const db = as(env, 'owner')
    await assertFails(listWithLog(db, 'owner', 'items/new', itemDoc({ status: 'sold' })))
    await assertFails(listWithLog(db, 'owner', 'items/new', itemDoc({ buyerId: 'member' })))
  })

  it('a sold item is final for its seller', async () => {
    const bike = as(env, 'owner').doc('items/bike')
    await assertFails(moveStatus(as(env, 'owner'), 'items/bike', 'available'))
    await assertFails(bike.update({ buyerId: 'stranger', updatedAt: serverTimestamp() }))
  })
})
