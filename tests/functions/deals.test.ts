import type { Timestamp } from 'firebase-admin/firestore'
import { beforeEach, describe, expect, it } from 'vitest'
import { COMPLETE_SALE_MAX } from '../../functions/src/domain/limits'
import type { DealDoc, ItemDoc, MessageDoc } from '../../functions/src/domain/types'
import { completeSaleTx } from '../../functions/src/services/deals'
import { openItemRoomTx } from '../../functions/src/services/itemRooms'
import { accountRef, askedRef } from '../../functions/src/services/paths'
import { leaveRoomTx } from '../../functions/src/services/rooms'
import { db, ids } from '../support/admin'
import { codeOf, useClients } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { seedItem, seedProfile, until } from '../support/market'
import { allAtOnce, expectWinners, outcome } from '../support/outcome'
import { settledFirestoreSnapshot } from '../support/snapshot'

const newClient = useClients()
beforeEach(clearFirestore)

/** A signed-in client with a profile. */
async function user(username: string) {
  const c = await newClient()
  await seedProfile(c.uid, username)
  return c
}

/** Item `bike` of `seller`, and buyers who opened its chat. */
async function bikeWithBuyers(sellerId: string, ...buyers: [uid: string, name: string][]) {
  await seedProfile(sellerId, 'Seller')
  await seedItem('bike', sellerId)
  for (const [uid, name] of buyers) {
    await seedProfile(uid, name)
    await openItemRoomTx(uid, 'bike')
  }
}

async function item(itemId = 'bike') {
  return (await db.doc(`items/${itemId}`).get()).data() as ItemDoc<Timestamp>
}

async function soldMessages(roomId = 'item-bike') {
  const snap = await db.collection(`rooms/${roomId}/messages`).where('event', '==', 'sold').get()
  return snap.docs.map((d) => d.data() as MessageDoc)
}

describe('completeSale (callable)', () => {
  it('refuses the signed-out and bad input', async () => {
    const anon = await newClient('signed-out')
    expect(await codeOf(anon.call('completeSale', { itemId: 'bike', buyerId: null }))).toBe(
      'unauthenticated',
    )
    const seller = await user('Seller')
    for (const data of [
      {},
      { itemId: 'bike' },
      { itemId: 'bike', buyerId: 5 },
      { itemId: 'a/b', buyerId: null },
      { itemId: 'bike', buyerId: '__x__' },
      { itemId: 'bike', buyerId: null, price: 1 },
      'bike',
    ]) {
      expect(await codeOf(seller.call('completeSale', data)), JSON.stringify(data)).toBe(
        'invalid-argument',
      )
    }
  })

  it('the seller sells to a buyer from the chat: item, deal and one sold message naming the buyer', async () => {
    const seller = await user('Seller')
    const buyer = await user('Buyer')
    await seedItem('bike', seller.uid)
    await buyer.call('openItemRoom', { itemId: 'bike' })

    expect(await seller.call('completeSale', { itemId: 'bike', buyerId: buyer.uid })).toEqual({
      dealId: 'bike',
    })
    const sold = await item()
    expect(sold).toMatchObject({ status: 'sold', buyerId: buyer.uid })
    expect(sold.soldAt).toBeDefined()
    const deal = (await db.doc('deals/bike').get()).data() as DealDoc<Timestamp>
    expect(deal).toEqual({
      itemId: 'bike',
      sellerId: seller.uid,
      buyerId: buyer.uid,
      title: 'Bicycle',
      price: 50000,
      soldAt: sold.soldAt,
      sellerName: 'Seller',
      buyerName: 'Buyer',
    })
    // The status trigger sees the change too; it must not post a second `sold`.
    await until(
      async () => (await db.doc('rooms/item-bike').get()).get('lastMessage') as { text?: string },
      (m) => m?.text === 'sold',
    )
    await settledFirestoreSnapshot()
    const messages = await soldMessages()
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      kind: 'system',
      actorName: 'Seller',
      buyerId: buyer.uid,
      buyerName: 'Buyer',
      senderId: seller.uid,
    })

    // Twice: refused, nothing changes.
    expect(await codeOf(seller.call('completeSale', { itemId: 'bike', buyerId: buyer.uid }))).toBe(
      'failed-precondition',
    )
    expect(await soldMessages()).toHaveLength(1)
  })

  it('only the seller: the buyer, a stranger and a guest are refused', async () => {
    const seller = await user('Seller')
    const buyer = await user('Buyer')
    const stranger = await user('Stranger')
    const guest = await newClient('guest')
    await seedProfile(guest.uid, 'guest_1')
    await seedItem('bike', seller.uid)
    await buyer.call('openItemRoom', { itemId: 'bike' })
    for (const c of [buyer, stranger, guest]) {
      expect(await codeOf(c.call('completeSale', { itemId: 'bike', buyerId: buyer.uid }))).toBe(
        'permission-denied',
      )
    }
    expect(await codeOf(seller.call('completeSale', { itemId: 'nope', buyerId: null }))).toBe(
      'not-found',
    )
    expect((await item()).status).toBe('available')
    expect(await ids('deals')).toEqual([])
  })
})

describe('completeSale (transaction)', () => {
  it('the buyer must have joined the chat and cannot be the seller', async () => {
    await bikeWithBuyers('seller', ['buyer', 'Buyer'])
    await seedProfile('stranger', 'Stranger')
    const refused = async (buyerId: string) => {
      try {
        await completeSaleTx('seller', { itemId: 'bike', buyerId })
        return 'ok'
      } catch (error) {
        return (error as { details?: { problem?: string } }).details?.problem
      }
    }
    expect(await refused('stranger')).toBe('not-a-buyer')
    expect(await refused('seller')).toBe('buyer-is-seller')
    expect(await outcome(() => completeSaleTx('seller', { itemId: 'bike', buyerId: 'x' }))).toBe(
      'failed-precondition',
    )
    expect((await item()).status).toBe('available')
    expect(await ids('deals')).toEqual([])
  })

  it('a buyer who left the chat can still be named', async () => {
    await bikeWithBuyers('seller', ['buyer', 'Buyer'])
    await leaveRoomTx('buyer', 'item-bike')
    expect(await ids('rooms/item-bike/members')).toEqual(['seller'])
    await completeSaleTx('seller', { itemId: 'bike', buyerId: 'buyer' })
    expect((await db.doc('deals/bike').get()).get('buyerName')).toBe('Buyer')
    expect((await soldMessages())[0]?.buyerName).toBe('Buyer')
  })

  it('sold outside marketchat (buyerId null): a deal without a buyer, also with no chat', async () => {
    await bikeWithBuyers('seller', ['buyer', 'Buyer'])
    await completeSaleTx('seller', { itemId: 'bike', buyerId: null })
    expect(await item()).toMatchObject({ status: 'sold', buyerId: null })
    expect((await db.doc('deals/bike').get()).data()).toMatchObject({
      buyerId: null,
      buyerName: null,
    })
    expect((await soldMessages()).map((m) => [m.buyerId, m.buyerName])).toEqual([[null, null]])
    // An item nobody asked about: no room is made for the message.
    await seedItem('lamp', 'seller')
    await completeSaleTx('seller', { itemId: 'lamp', buyerId: null })
    expect((await db.doc('rooms/item-lamp').get()).exists).toBe(false)
    expect(await ids('deals')).toEqual(['bike', 'lamp'])
  })

  it('a reserved item can be sold', async () => {
    await bikeWithBuyers('seller', ['buyer', 'Buyer'])
    await db.doc('items/bike').update({ status: 'reserved' })
    await completeSaleTx('seller', { itemId: 'bike', buyerId: 'buyer' })
    expect((await item()).status).toBe('sold')
  })

  it('8 concurrent sales to different buyers: one deal, one sold message, the rest refused', async () => {
    const buyers = Array.from({ length: 8 }, (_, i) => [`b${i}`, `Buyer${i}`] as [string, string])
    await bikeWithBuyers('seller', ['b0', 'Buyer0'])
    // The others asked and left: on record, written at once (cheaper than 7 more chats opened).
    const batch = db.batch()
    for (const [uid, username] of buyers.slice(1)) {
      batch.set(askedRef('item-bike', uid), { uid, username })
    }
    await batch.commit()
    const codes = await allAtOnce(
      buyers.map(
        ([uid]) =>
          () =>
            completeSaleTx('seller', { itemId: 'bike', buyerId: uid }),
      ),
    )
    expectWinners(codes, 1, 'failed-precondition')
    const winner = buyers[codes.indexOf('ok')]?.[0]
    expect((await item()).buyerId).toBe(winner)
    expect((await db.doc('deals/bike').get()).get('buyerId')).toBe(winner)
    expect(await soldMessages()).toHaveLength(1)
  })

  it(`a seller completes at most ${COMPLETE_SALE_MAX} sales an hour`, async () => {
    await seedProfile('seller', 'Seller')
    const now = Date.parse('2026-01-01T00:00:00Z')
    await accountRef('seller').set({
      salesCompleted: Array.from({ length: COMPLETE_SALE_MAX }, () => now - 1000),
    })
    await seedItem('bike', 'seller')
    expect(
      await outcome(() => completeSaleTx('seller', { itemId: 'bike', buyerId: null }, now)),
    ).toBe('resource-exhausted')
    expect((await item()).status).toBe('available')
    // An hour later the window has passed.
    await completeSaleTx('seller', { itemId: 'bike', buyerId: null }, now + 3_600_000)
    expect((await item()).status).toBe('sold')
  })
})
