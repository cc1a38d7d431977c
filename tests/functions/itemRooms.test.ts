import { FieldValue, Timestamp } from 'firebase-admin/firestore'
import {
  Timestamp as ClientTimestamp,
  collection,
  doc,
  getCountFromServer,
  getDoc,
  getDocs,
  limit,
  query,
  where,
} from 'firebase/firestore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import {
  ITEM_CHAT_BUYERS_MAX,
  ITEM_CHAT_JOINS_PER_WINDOW,
  ITEM_CHAT_JOIN_WINDOW_MS,
} from '../../functions/src/domain/limits'
import type { MessageDoc, RoomDoc } from '../../functions/src/domain/types'
import { completeSaleTx } from '../../functions/src/services/deals'
import { openItemRoomTx } from '../../functions/src/services/itemRooms'
import { leaveRoomTx } from '../../functions/src/services/rooms'
import { db, ids } from '../support/admin'
import { type TestClient, codeOf, newClient, sendText } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { allAtOnce, codeOfError, outcome } from '../support/outcome'
import { seedItem, seedProfile, until } from '../support/market'

const clients: TestClient[] = []
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
})
beforeEach(clearFirestore)

/** A signed-in client with a profile. */
async function user(username: string) {
  const c = await newClient()
  clients.push(c)
  await seedProfile(c.uid, username)
  return c
}

async function room(roomId: string) {
  return (await db.doc(`rooms/${roomId}`).get()).data() as RoomDoc<Timestamp> | undefined
}

async function messages(roomId: string) {
  const snap = await db.collection(`rooms/${roomId}/messages`).get()
  return snap.docs.map((d) => d.data() as MessageDoc<Timestamp>)
}

describe('openItemRoom (callable)', () => {
  it('refuses a signed-out caller and bad input', async () => {
    const anon = await newClient('signed-out')
    clients.push(anon)
    expect(await codeOf(anon.call('openItemRoom', { itemId: 'x' }))).toBe('unauthenticated')
    const c = await user('Buyer')
    for (const data of [{}, { itemId: 5 }, { itemId: 'a/b' }, { itemId: 'x', extra: 1 }, 'x']) {
      expect(await codeOf(c.call('openItemRoom', data)), JSON.stringify(data)).toBe(
        'invalid-argument',
      )
    }
  })

  it('an unknown item gives not-found and creates nothing', async () => {
    const c = await user('Buyer')
    expect(await codeOf(c.call('openItemRoom', { itemId: 'nope' }))).toBe('not-found')
    expect(await ids('rooms')).toEqual([])
  })

  it('a buyer opens the room: seller owner, buyer member, created + joined', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('bike', 'seller')
    const buyer = await user('Buyer')
    expect(await buyer.call('openItemRoom', { itemId: 'bike' })).toEqual({ roomId: 'item-bike' })
    const r = await room('item-bike')
    expect(r).toMatchObject({
      kind: 'item',
      itemId: 'bike',
      ownerId: 'seller',
      title: 'Bicycle',
      capacity: null,
      hasPassword: false,
      memberCount: 2,
    })
    expect([...(r?.memberIds ?? [])].sort()).toEqual([buyer.uid, 'seller'].sort())
    expect((await db.doc('rooms/item-bike/members/seller').get()).get('role')).toBe('owner')
    expect((await db.doc(`rooms/item-bike/members/${buyer.uid}`).get()).get('role')).toBe('member')
    const events = (await messages('item-bike')).map((m) => `${m.event}:${m.actorName}`).sort()
    expect(events).toEqual(['created:Seller', 'joined:Buyer'])
    // Opening again changes nothing.
    await buyer.call('openItemRoom', { itemId: 'bike' })
    expect((await room('item-bike'))?.memberCount).toBe(2)
    expect(await messages('item-bike')).toHaveLength(2)
    // The market's card counts the buyers chatting, on the item itself.
    const chatCount = async () => (await db.doc('items/bike').get()).get('chatCount')
    expect(await chatCount()).toBe(1)
    await buyer.call('leaveRoom', { roomId: 'item-bike' })
    expect(await chatCount()).toBe(0)
  })

  it('6 concurrent buyers through the callable: one room, each a member once, one joined each', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('lamp', 'seller')
    const buyers = await Promise.all(Array.from({ length: 6 }, (_, i) => user(`Buyer${i}`)))
    const codes = await allAtOnce(
      buyers.map((b) => () => b.call('openItemRoom', { itemId: 'lamp' })),
    )
    expect(codes).toEqual(Array(6).fill('ok'))
    await expectOneRoom(
      'item-lamp',
      'seller',
      buyers.map((b) => b.uid),
    )
  })

  it('the seller calling it adds no duplicate member', async () => {
    const seller = await user('Seller')
    await seedItem('desk', seller.uid)
    // The seller first, before anyone asked: a room with only the seller.
    await seller.call('openItemRoom', { itemId: 'desk' })
    expect((await room('item-desk'))?.memberIds).toEqual([seller.uid])
    const buyer = await user('Buyer')
    await buyer.call('openItemRoom', { itemId: 'desk' })
    await seller.call('openItemRoom', { itemId: 'desk' })
    const r = await room('item-desk')
    expect(r?.memberCount).toBe(2)
    expect([...(r?.memberIds ?? [])].sort()).toEqual([buyer.uid, seller.uid].sort())
    expect(await ids('rooms/item-desk/members')).toEqual([buyer.uid, seller.uid].sort())
    const events = (await messages('item-desk')).map((m) => m.event).sort()
    expect(events).toEqual(['created', 'joined'])
  })

  it('sold: a new buyer gets failed-precondition, an existing member still reads', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('sofa', 'seller')
    const early = await user('Early')
    await early.call('openItemRoom', { itemId: 'sofa' })
    await completeSaleTx('seller', { itemId: 'sofa', buyerId: early.uid })
    const late = await user('Late')
    expect(await codeOf(late.call('openItemRoom', { itemId: 'sofa' }))).toBe('failed-precondition')
    expect(await ids('rooms/item-sofa/members')).toEqual([early.uid, 'seller'].sort())
    // The existing member can still open it and read the conversation.
    expect(await early.call('openItemRoom', { itemId: 'sofa' })).toEqual({ roomId: 'item-sofa' })
    // A buyer's queries carry their history bound: from their joinedAt on.
    const stored = (await db.doc(`rooms/item-sofa/members/${early.uid}`).get()).get(
      'joinedAt',
    ) as Timestamp
    const joinedAt = new ClientTimestamp(stored.seconds, stored.nanoseconds)
    const snap = await getDocs(
      query(
        collection(early.db, 'rooms/item-sofa/messages'),
        where('createdAt', '>=', joinedAt),
        limit(50),
      ),
    )
    expect(snap.size).toBeGreaterThanOrEqual(2)
    // The unread count "my chats" asks for: after a read mark, from others, with a limit. Others
    // wrote `created` and (through completeSale) `sold`; `joined` is the member's own.
    await until(
      () => ids('rooms/item-sofa/messages'),
      (all) => all.length === 3,
    )
    const unread = await getCountFromServer(
      query(
        collection(early.db, 'rooms/item-sofa/messages'),
        where('createdAt', '>=', joinedAt),
        where('senderId', '!=', early.uid),
        limit(100),
      ),
    )
    expect(unread.data().count).toBe(2)
    expect(
      await codeOf(getDocs(query(collection(late.db, 'rooms/item-sofa/messages'), limit(50)))),
    ).toBe('permission-denied')
  })

  it('a later buyer finds nothing from before their join in the room document', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('lamp', 'seller')
    const first = await user('First')
    await first.call('openItemRoom', { itemId: 'lamp' })
    const offer = 'call me: 010-1234-5678'
    await sendText(first, 'item-lamp', 'First', offer)
    await until(
      () => room('item-lamp'),
      (r) => r?.lastMessage?.text === offer && r.recent?.length === 3,
    )
    const late = await user('Late')
    await late.call('openItemRoom', { itemId: 'lamp' })
    // What the later buyer reads of the room as soon as they are in.
    const seen = (await getDoc(doc(late.db, 'rooms/item-lamp'))).data() as RoomDoc | undefined
    expect(seen?.lastMessage).toEqual({ kind: 'system', text: 'joined', senderName: 'Late' })
    expect(seen?.lastMessageSenderId).toBe(late.uid)
    expect(seen?.recent).toBeUndefined()
    // The next message lists what came from the join on: the joined message and itself.
    await sendText(late, 'item-lamp', 'Late', 'still there?')
    const after = await until(
      () => room('item-lamp'),
      (r) => r?.lastMessage?.text === 'still there?' && r.recent !== undefined,
    )
    expect(after?.recent?.map((m) => m.by)).toEqual([late.uid, late.uid])
  })

  it('a buyer the seller blocked gets permission-denied, joining or coming back', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('lamp', 'seller')
    const pest = await user('Pest')
    const other = await user('Other')
    await pest.call('openItemRoom', { itemId: 'lamp' })
    await db.doc(`users/seller/blocks/${pest.uid}`).set({ username: 'Pest', createdAt: new Date() })
    expect(await codeOf(pest.call('openItemRoom', { itemId: 'lamp' }))).toBe('permission-denied')
    await seedItem('chair', 'seller')
    expect(await codeOf(pest.call('openItemRoom', { itemId: 'chair' }))).toBe('permission-denied')
    expect(await ids('rooms')).toEqual(['item-lamp'])
    expect(await other.call('openItemRoom', { itemId: 'chair' })).toEqual({ roomId: 'item-chair' })
  })

  it('a sold item with no room yet refuses a buyer and creates nothing', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('gone', 'seller', 'sold')
    const buyer = await user('Buyer')
    expect(await codeOf(buyer.call('openItemRoom', { itemId: 'gone' }))).toBe('failed-precondition')
    expect(await ids('rooms')).toEqual([])
  })

  it('a caller without a profile gets failed-precondition', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('bike', 'seller')
    const c = await newClient()
    clients.push(c)
    expect(await codeOf(c.call('openItemRoom', { itemId: 'bike' }))).toBe('failed-precondition')
  })
})

describe('openItemRoom transaction (in-process)', () => {
  it('10 concurrent buyers: one room with eleven members and ten joined messages', async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('chair', 'seller')
    const buyers = Array.from({ length: 10 }, (_, i) => `buyer-${i}`)
    await Promise.all(buyers.map((uid, i) => seedProfile(uid, `Buyer${i}`)))
    const codes = await allAtOnce(buyers.map((uid) => () => openItemRoomTx(uid, 'chair')))
    expect(codes).toEqual(Array(10).fill('ok'))
    await expectOneRoom('item-chair', 'seller', buyers)
  })

  it('10 concurrent calls of the same buyer with the seller: two members, one joined', async () => {
    await seedProfile('seller', 'Seller')
    await seedProfile('buyer', 'Buyer')
    await seedItem('chair', 'seller')
    const callers = [...Array(8).fill('buyer'), 'seller', 'seller'] as string[]
    const codes = await allAtOnce(callers.map((uid) => () => openItemRoomTx(uid, 'chair')))
    expect(codes).toEqual(Array(10).fill('ok'))
    await expectOneRoom('item-chair', 'seller', ['buyer'])
  })

  it('a seller who left comes back as the owner', async () => {
    await seedProfile('seller', 'Seller')
    await seedProfile('buyer', 'Buyer')
    await seedItem('chair', 'seller')
    await openItemRoomTx('buyer', 'chair')
    const { leaveRoomTx } = await import('../../functions/src/services/rooms')
    await leaveRoomTx('seller', 'item-chair')
    await openItemRoomTx('seller', 'chair')
    expect((await db.doc('rooms/item-chair/members/seller').get()).get('role')).toBe('owner')
  })
})

describe('an item chat is bounded by the room, whatever the number of accounts', () => {
  const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
  /** The code and `problem` a refused open carries. */
  async function refusal(uid: string, itemId: string, now: number) {
    try {
      await openItemRoomTx(uid, itemId, now)
      return { code: 'ok' }
    } catch (error) {
      return { code: codeOfError(error), ...(error as { details?: object }).details }
    }
  }

  it(`lets in ${ITEM_CHAT_JOINS_PER_WINDOW} new buyers per window, then 'busy' with the wait; the seller is never refused`, async () => {
    await seedProfile('seller', 'Seller')
    await seedItem('bike', 'seller')
    const buyers = Array.from({ length: ITEM_CHAT_JOINS_PER_WINDOW + 1 }, (_, i) => `b${i}`)
    await Promise.all(buyers.map((uid, i) => seedProfile(uid, `Buyer${i}`)))
    for (const [i, uid] of buyers.slice(0, -1).entries()) await openItemRoomTx(uid, 'bike', T0 + i)
    const late = buyers.at(-1) as string
    expect(await refusal(late, 'bike', T0 + 60_000)).toEqual({
      code: 'resource-exhausted',
      problem: 'busy',
      retryAfterMs: ITEM_CHAT_JOIN_WINDOW_MS - 60_000,
    })
    // A buyer who leaves does not give the place back within the window; the seller comes back.
    await leaveRoomTx('b0', 'item-bike', { now: T0 + 60_000 })
    await leaveRoomTx('seller', 'item-bike', { now: T0 + 60_000 })
    expect(await outcome(() => openItemRoomTx('b0', 'bike', T0 + 120_000))).toBe(
      'resource-exhausted',
    )
    expect(await outcome(() => openItemRoomTx('seller', 'bike', T0 + 120_000))).toBe('ok')
    expect(await outcome(() => openItemRoomTx(late, 'bike', T0 + ITEM_CHAT_JOIN_WINDOW_MS))).toBe(
      'ok',
    )
    expect((await room('item-bike'))?.memberCount).toBe(ITEM_CHAT_JOINS_PER_WINDOW + 1)
  })

  it(`holds ${ITEM_CHAT_BUYERS_MAX} buyers: the next is refused 'full' until the seller blocks one, who leaves and cannot come back`, async () => {
    await seedProfile('seller', 'Seller')
    await seedProfile('pest', 'Pest')
    await seedProfile('newcomer', 'Newcomer')
    await seedItem('lamp', 'seller')
    await openItemRoomTx('pest', 'lamp', T0)
    // The other seats, taken long ago (written directly: the seat count is what this is about).
    const others = Array.from({ length: ITEM_CHAT_BUYERS_MAX - 1 }, (_, i) => `seat${i}`)
    await db.doc('rooms/item-lamp').update({
      memberIds: FieldValue.arrayUnion(...others),
      memberCount: FieldValue.increment(others.length),
    })
    const later = T0 + ITEM_CHAT_JOIN_WINDOW_MS
    expect(await refusal('newcomer', 'lamp', later)).toEqual({
      code: 'resource-exhausted',
      problem: 'full',
      max: ITEM_CHAT_BUYERS_MAX,
    })
    // The seller blocks the pest (in the app: a client write; the onBlockCreated trigger follows).
    await db.doc('users/seller/blocks/pest').set({ username: 'Pest', createdAt: Timestamp.now() })
    await until(
      () => ids('rooms/item-lamp/members'),
      (members) => !members.includes('pest'),
    )
    expect((await room('item-lamp'))?.memberIds).not.toContain('pest')
    expect(await outcome(() => openItemRoomTx('newcomer', 'lamp', later))).toBe('ok')
    expect((await refusal('pest', 'lamp', later)).code).toBe('permission-denied')
    expect((await room('item-lamp'))?.memberCount).toBe(ITEM_CHAT_BUYERS_MAX + 1)
  })

  it('a guest cannot open an item chat; the room is not even created', async () => {
    await seedProfile('seller', 'Seller')
    await seedProfile('guest', 'guest_123456789')
    await db.doc('users/guest').update({ isGuest: true })
    await seedItem('desk', 'seller')
    expect(await refusal('guest', 'desk', T0)).toMatchObject({
      code: 'permission-denied',
      problem: 'guest',
    })
    expect(await ids('rooms')).toEqual([])
  })
})

/** One room: seller once, every buyer once, counts equal documents, one `joined` per buyer. */
async function expectOneRoom(roomId: string, sellerId: string, buyers: string[]) {
  expect(await ids('rooms')).toEqual([roomId])
  const r = await room(roomId)
  const everyone = [sellerId, ...buyers].sort()
  expect([...(r?.memberIds ?? [])].sort()).toEqual(everyone)
  expect(r?.memberCount).toBe(everyone.length)
  expect((await db.doc(`items/${r?.itemId}`).get()).get('chatCount')).toBe(buyers.length)
  expect(await ids(`rooms/${roomId}/members`)).toEqual(everyone)
  const all = await messages(roomId)
  expect(all.filter((m) => m.event === 'created')).toHaveLength(1)
  const joined = all.filter((m) => m.event === 'joined').map((m) => m.senderId)
  expect(joined.sort()).toEqual([...buyers].sort())
}
