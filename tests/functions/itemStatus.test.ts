import { doc, serverTimestamp, updateDoc } from 'firebase/firestore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import type { MessageDoc } from '../../functions/src/domain/types'
import { postItemStatus } from '../../functions/src/services/itemStatus'
import { openItemRoomTx } from '../../functions/src/services/itemRooms'
import { db } from '../support/admin'
import { type TestClient, newClient } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { itemData, seedProfile, until } from '../support/market'

const clients: TestClient[] = []
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
})
beforeEach(clearFirestore)

/** Item `itemId` of `sellerId`, with a room a buyer opened. */
async function itemWithRoom(sellerId: string, itemId = 'bike') {
  await seedProfile(sellerId, 'Seller')
  await seedProfile('buyer', 'Buyer')
  await db.doc(`items/${itemId}`).set(itemData(sellerId))
  await openItemRoomTx('buyer', itemId)
}

/** The status events (`reserved` / `sold` / `available`) in a room. */
async function statusEvents(roomId: string): Promise<string[]> {
  const snap = await db.collection(`rooms/${roomId}/messages`).get()
  return snap.docs
    .map((d) => d.data() as MessageDoc)
    .filter((m) => m.kind === 'system' && ['reserved', 'sold', 'available'].includes(m.text))
    .map((m) => m.text)
}

describe('item status messages', () => {
  it('the seller reserving the item posts exactly one reserved message (trigger)', async () => {
    const seller = await newClient()
    clients.push(seller)
    // An id of its own: once, under load, this room got two `reserved` — most likely a late
    // trigger of an earlier test's `bike` (emulator lock waits last up to 30 s) posting into it.
    const itemId = `reserve-${Date.now()}`
    const roomId = `item-${itemId}`
    await itemWithRoom(seller.uid, itemId)

    // The item's first status change opens its status-change window (firestore.rules).
    await updateDoc(doc(seller.db, 'items', itemId), {
      status: 'reserved',
      updatedAt: serverTimestamp(),
      statusWindowAt: serverTimestamp(),
      statusChanges: 1,
    })
    expect(
      await until(
        () => statusEvents(roomId),
        (e) => e.length > 0,
      ),
    ).toEqual(['reserved'])
    // Give a duplicate delivery time to show up; none does.
    await new Promise((r) => setTimeout(r, 2_000))
    expect(await statusEvents(roomId)).toEqual(['reserved'])
    const reserved = (
      await db.collection(`rooms/${roomId}/messages`).where('text', '==', 'reserved').get()
    ).docs[0]?.data()
    expect(reserved).toMatchObject({ kind: 'system', event: 'reserved', actorName: 'Seller' })
    // The room summary follows.
    const summary = await until(
      async () => (await db.doc(`rooms/${roomId}`).get()).get('lastMessage') as unknown,
      (m) => (m as { text?: string } | undefined)?.text === 'reserved',
    )
    expect(summary).toEqual({ kind: 'system', text: 'reserved', senderName: 'Seller' })
  })

  it('the trigger posts no sold message: completeSale posts it, naming the buyer', async () => {
    await itemWithRoom('seller')
    const before = itemData('seller')
    expect(await postItemStatus('bike', before, itemData('seller', 'sold'), 'e1')).toBe(false)
    expect(await statusEvents('item-bike')).toEqual([])
  })

  it('the same event delivered twice posts one message', async () => {
    await itemWithRoom('seller')
    const before = itemData('seller')
    const after = itemData('seller', 'reserved')
    const [first, second] = await Promise.all([
      postItemStatus('bike', before, after, 'event-1'),
      postItemStatus('bike', before, after, 'event-1'),
    ])
    expect([first, second].sort()).toEqual([false, true])
    expect(await postItemStatus('bike', before, after, 'event-1')).toBe(false)
    expect(await statusEvents('item-bike')).toEqual(['reserved'])
    // A different status change is a different event.
    expect(await postItemStatus('bike', after, itemData('seller'), 'event-2')).toBe(true)
    expect((await statusEvents('item-bike')).sort()).toEqual(['available', 'reserved'])
  })

  it('an edit that changes no status posts nothing; a new title renames the room', async () => {
    await itemWithRoom('seller')
    const before = itemData('seller')
    expect(await postItemStatus('bike', before, { ...before, price: 5 }, 'e1')).toBe(false)
    expect(await postItemStatus('bike', before, { ...before, title: 'Red bicycle' }, 'e2')).toBe(
      true,
    )
    expect(await statusEvents('item-bike')).toEqual([])
    expect((await db.doc('rooms/item-bike').get()).get('title')).toBe('Red bicycle')
  })

  it('an item nobody asked about has no room, and none is created', async () => {
    const before = itemData('seller')
    expect(await postItemStatus('lonely', before, itemData('seller', 'sold'), 'e1')).toBe(false)
    expect((await db.doc('rooms/item-lonely').get()).exists).toBe(false)
  })
})
