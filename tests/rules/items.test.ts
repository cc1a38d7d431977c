import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, it } from 'vitest'
import { ITEM_DESCRIPTION_MAX_LENGTH, ITEM_PRICE_MAX, ITEM_TITLE_MAX_LENGTH } from '@domain/limits'
import { ITEM_EDITS_PER_WINDOW } from '@domain/itemEdits'
import {
  as,
  assertFails,
  assertSucceeds,
  editItem,
  itemDoc,
  listWithLog,
  moveStatus,
  profileDoc,
  rulesEnv,
  seed,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())

const past = new Date('2024-01-01T00:00:00Z')

function storedItem(status: string) {
  return itemDoc({
    title: 'Bicycle',
    description: 'Blue, 21 gears.',
    price: 50000,
    status,
    createdAt: past,
    updatedAt: past,
  })
}

/** A valid new listing by the seller `owner`. */
function newItem(overrides: Record<string, unknown> = {}) {
  return itemDoc({ title: 'Lamp', price: 0, ...overrides })
}

beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    'users/owner': profileDoc('Owner'),
    'users/stranger': profileDoc('Stranger'),
    'users/guest': profileDoc('guest_1234', true),
    'items/available': storedItem('available'),
    'items/reserved': storedItem('reserved'),
    'items/sold': storedItem('sold'),
  })
})

describe('items/{itemId}: signed out', () => {
  it('cannot get, list, create, update or delete', async () => {
    const db = as(env, 'signed-out')
    await assertFails(db.doc('items/available').get())
    await assertFails(db.collection('items').limit(20).get())
    await assertFails(listWithLog(db, '', 'items/new', newItem()))
    await assertFails(editItem(db, 'items/available', { title: 'Mine' }))
    await assertFails(db.doc('items/available').delete())
  })
})

describe('items/{itemId}: the seller', () => {
  it('can get and list', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.doc('items/available').get())
    await assertSucceeds(db.collection('items').orderBy('createdAt', 'desc').limit(20).get())
    const available = db
      .collection('items')
      .where('status', '==', 'available')
      .orderBy('createdAt', 'desc')
    await assertSucceeds(available.limit(100).get())
    await assertFails(available.limit(101).get())
    await assertFails(available.get())
  })

  it('status changes: 5 in a window of an hour, then refused until a new window starts', async () => {
    const db = as(env, 'owner')
    const statuses = ['reserved', 'available', 'reserved', 'available', 'reserved']
    for (const status of statuses) await assertSucceeds(moveStatus(db, 'items/available', status))
    await assertFails(moveStatus(db, 'items/available', 'available'))
    // Forged counters: a fresh window without the server time, or a count that goes back.
    await assertFails(
      moveStatus(db, 'items/available', 'available', {
        statusWindowAt: new Date(),
        statusChanges: 1,
      }),
    )
    await assertFails(moveStatus(db, 'items/available', 'available', { statusChanges: 2 }))
    // An edit that does not change the status leaves the counters alone.
    await assertSucceeds(
      editItem(db, 'items/available', { price: 7, updatedAt: serverTimestamp() }),
    )
    await assertFails(
      editItem(db, 'items/available', { price: 8, statusChanges: 0, updatedAt: serverTimestamp() }),
    )
    const hourAgo = new Date(Date.now() - 3600_000 - 1_000)
    await seed(env, {
      'items/available': { ...storedItem('reserved'), statusWindowAt: hourAgo, statusChanges: 5 },
    })
    await assertSucceeds(moveStatus(db, 'items/available', 'available'))
  })

  it(`edits of text, price and photos: ${ITEM_EDITS_PER_WINDOW} in an hour window, then refused`, async () => {
    const db = as(env, 'owner')
    const at = { updatedAt: serverTimestamp() }
    for (let i = 1; i <= ITEM_EDITS_PER_WINDOW; i++) {
      await assertSucceeds(editItem(db, 'items/available', { price: 1000 + i, ...at }))
    }
    await assertFails(editItem(db, 'items/available', { title: 'One more', ...at }))
    // A status move is not an edit: the edit count stays as it is.
    await assertSucceeds(moveStatus(db, 'items/available', 'reserved'))
    // Forged counters: an edit without its count, a fresh window without the server time, a
    // count that goes back.
    await seed(env, { 'items/fresh': storedItem('available') })
    await assertFails(db.doc('items/fresh').update({ price: 5, ...at }))
    await assertFails(
      db.doc('items/fresh').update({ price: 5, editWindowAt: new Date(), edits: 1, ...at }),
    )
    await assertSucceeds(editItem(db, 'items/fresh', { price: 5, ...at }))
    await assertFails(db.doc('items/fresh').update({ price: 6, edits: 1, ...at }))
    const hourAgo = new Date(Date.now() - 3600_000 - 1_000)
    await seed(env, {
      'items/available': {
        ...storedItem('available'),
        editWindowAt: hourAgo,
        edits: ITEM_EDITS_PER_WINDOW,
      },
    })
    await assertSucceeds(editItem(db, 'items/available', { title: 'A new hour', ...at }))
  })

  it('takes an unsold listing down (status deleted, alone, final); not a sold one', async () => {
    const db = as(env, 'owner')
    const takeDown = (path: string, extra: Record<string, unknown> = {}) =>
      db.doc(path).update({ status: 'deleted', updatedAt: serverTimestamp(), ...extra })
    await assertFails(takeDown('items/available', { price: 1 }))
    await assertFails(db.doc('items/available').update({ status: 'deleted', updatedAt: past }))
    await assertSucceeds(takeDown('items/available'))
    await assertSucceeds(takeDown('items/reserved'))
    await assertFails(takeDown('items/sold'))
    // Final: no way back, and no more edits.
    await assertFails(moveStatus(db, 'items/available', 'available'))
    await assertFails(editItem(db, 'items/available', { price: 7, updatedAt: serverTimestamp() }))
    await seed(env, { 'items/w': storedItem('withdrawn') })
    await assertFails(takeDown('items/w'))
    // Nobody else takes it down.
    await assertFails(
      as(env, 'stranger')
        .doc('items/sold')
        .update({ status: 'deleted', updatedAt: serverTimestamp() }),
    )
  })

  it('a seller whose profile is gone (deleted account) can no longer edit', async () => {
    await env.withSecurityRulesDisabled((ctx) => ctx.firestore().doc('users/owner').delete())
    const db = as(env, 'owner')
    await assertFails(editItem(db, 'items/available', { price: 7, updatedAt: serverTimestamp() }))
    await assertFails(moveStatus(db, 'items/available', 'reserved'))
    await assertFails(
      db.doc('items/available').update({ status: 'deleted', updatedAt: serverTimestamp() }),
    )
  })

  it('can create a valid listing at the bounds', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(listWithLog(db, 'owner', 'items/a', newItem()))
    await assertSucceeds(
      listWithLog(
        db,
        'owner',
        'items/b',
        newItem({
          title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH),
          description: 'd'.repeat(ITEM_DESCRIPTION_MAX_LENGTH),
          price: ITEM_PRICE_MAX,
        }),
      ),
    )
  })

  it('cannot create with any field wrong', async () => {
    const db = as(env, 'owner')
    const bad: Record<string, Record<string, unknown>> = {
      'someone else as seller': { sellerId: 'stranger' },
      'another name': { sellerName: 'Stranger' },
      'name in another case': { sellerName: 'owner' },
      'status reserved': { status: 'reserved' },
      'status sold': { status: 'sold' },
      'client createdAt': { createdAt: new Date() },
      'client updatedAt': { updatedAt: new Date() },
      'empty title': { title: '' },
      'blank title': { title: '   ' },
      'title too long': { title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH + 1) },
      'title not a string': { title: 5 },
      'description too long': { description: 'd'.repeat(ITEM_DESCRIPTION_MAX_LENGTH + 1) },
      'description not a string': { description: null },
      'negative price': { price: -1 },
      'price too high': { price: ITEM_PRICE_MAX + 1 },
      'fractional price': { price: 1.5 },
      'price as text': { price: '1000' },
      'extra key': { views: 0 },
    }
    for (const [, overrides] of Object.entries(bad)) {
      await assertFails(listWithLog(db, 'owner', 'items/bad', newItem(overrides)))
    }
    for (const key of ['sellerName', 'description', 'createdAt', 'updatedAt', 'status']) {
      const item: Record<string, unknown> = newItem()
      delete item[key]
      await assertFails(listWithLog(db, 'owner', 'items/bad', item))
    }
  })

  it('can edit title, description and price with a server updatedAt', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(
      editItem(db, 'items/available', {
        title: 'Red bicycle',
        description: '',
        price: 45000,
        updatedAt: serverTimestamp(),
      }),
    )
    await assertSucceeds(editItem(db, 'items/reserved', { price: 1, updatedAt: serverTimestamp() }))
  })

  it('cannot edit without updatedAt, with a client time, or with bad values', async () => {
    const db = as(env, 'owner')
    await assertFails(editItem(db, 'items/available', { title: 'No time' }))
    await assertFails(
      editItem(db, 'items/available', { title: 'Client time', updatedAt: new Date() }),
    )
    await assertFails(editItem(db, 'items/available', { title: '', updatedAt: serverTimestamp() }))
    await assertFails(editItem(db, 'items/available', { title: ' ', updatedAt: serverTimestamp() }))
    await assertFails(
      editItem(db, 'items/available', {
        title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH + 1),
        updatedAt: serverTimestamp(),
      }),
    )
    await assertFails(
      editItem(db, 'items/available', {
        description: 'd'.repeat(ITEM_DESCRIPTION_MAX_LENGTH + 1),
        updatedAt: serverTimestamp(),
      }),
    )
    await assertFails(editItem(db, 'items/available', { price: -5, updatedAt: serverTimestamp() }))
    await assertFails(editItem(db, 'items/available', { price: 2.5, updatedAt: serverTimestamp() }))
    await assertFails(
      editItem(db, 'items/available', { price: ITEM_PRICE_MAX + 1, updatedAt: serverTimestamp() }),
    )
  })

  it('cannot change the seller, the seller name, createdAt or add keys', async () => {
    const db = as(env, 'owner')
    const item = db.doc('items/available')
    await assertFails(item.update({ sellerId: 'stranger', updatedAt: serverTimestamp() }))
    await assertFails(item.update({ sellerName: 'Other', updatedAt: serverTimestamp() }))
    await assertFails(item.update({ createdAt: serverTimestamp(), updatedAt: serverTimestamp() }))
    await assertFails(item.update({ featured: true, updatedAt: serverTimestamp() }))
  })

  it('status moves available → reserved → available; only completeSale makes it sold', async () => {
    const db = as(env, 'owner')
    const move = (id: string, status: string) => moveStatus(db, `items/${id}`, status)
    await assertSucceeds(move('available', 'reserved'))
    await assertSucceeds(move('available', 'available'))
    await assertFails(move('available', 'sold'))
    await assertSucceeds(move('reserved', 'available'))
    await assertFails(move('reserved', 'sold'))
    await assertFails(move('reserved', 'gone'))
    await assertFails(move('reserved', 'Sold'))
  })

  it('sold is final: no status change, no edit', async () => {
    const db = as(env, 'owner')
    const item = db.doc('items/sold')
    await assertFails(item.update({ status: 'available', updatedAt: serverTimestamp() }))
    await assertFails(item.update({ status: 'reserved', updatedAt: serverTimestamp() }))
    await assertFails(item.update({ status: 'sold', updatedAt: serverTimestamp() }))
    await assertFails(editItem(db, 'items/sold', { price: 1, updatedAt: serverTimestamp() }))
  })

  it('cannot delete', async () => {
    await assertFails(as(env, 'owner').doc('items/available').delete())
    await assertFails(as(env, 'owner').doc('items/sold').delete())
  })
})

describe('items/{itemId}: someone else', () => {
  it('can get and list', async () => {
    const db = as(env, 'stranger')
    await assertSucceeds(db.doc('items/available').get())
    await assertSucceeds(db.collection('items').limit(20).get())
  })

  it('cannot create as the seller, edit, change status or delete', async () => {
    const db = as(env, 'stranger')
    await assertFails(listWithLog(db, 'stranger', 'items/x', newItem()))
    await assertFails(editItem(db, 'items/available', { price: 1, updatedAt: serverTimestamp() }))
    await assertFails(
      db.doc('items/available').update({ status: 'sold', updatedAt: serverTimestamp() }),
    )
    await assertFails(db.doc('items/available').delete())
  })

  it('can list their own item', async () => {
    const db = as(env, 'stranger')
    await assertSucceeds(
      listWithLog(
        db,
        'stranger',
        'items/mine',
        newItem({ sellerId: 'stranger', sellerName: 'Stranger' }),
      ),
    )
  })
})

describe('items/{itemId}: a guest', () => {
  it('can browse but cannot sell', async () => {
    const db = as(env, 'guest')
    await assertSucceeds(db.doc('items/available').get())
    await assertSucceeds(db.collection('items').limit(20).get())
    await assertFails(
      listWithLog(db, 'guest', 'items/g', newItem({ sellerId: 'guest', sellerName: 'guest_1234' })),
    )
  })
})

describe('item rooms: functions only', () => {
  beforeEach(async () => {
    await seed(env, {
      'rooms/item-available': {
        kind: 'item',
        title: 'Bicycle',
        ownerId: 'owner',
        itemId: 'available',
        capacity: null,
        hasPassword: false,
        memberIds: ['owner', 'member'],
        memberCount: 2,
        lastMessage: null,
        lastMessageAt: past,
        createdAt: past,
      },
      'rooms/item-available/members/owner': { username: 'Owner', color: '#000000', role: 'owner' },
      'rooms/item-available/members/member': {
        username: 'Member',
        color: '#000000',
        role: 'member',
        joinedAt: past,
      },
      'rooms/item-available/messages/m1': {
        kind: 'system',
        text: 'created',
        event: 'created',
        senderId: 'owner',
        senderName: 'system',
        actorName: 'Owner',
        createdAt: past,
      },
    })
  })

  it('nobody creates, updates or deletes an item room', async () => {
    for (const actor of ['owner', 'member', 'stranger'] as const) {
      const db = as(env, actor)
      await assertFails(
        db.doc('rooms/item-reserved').set({ kind: 'item', ownerId: actor, memberIds: [actor] }),
      )
      await assertFails(
        db.doc('rooms/item-available').update({ memberIds: ['owner', 'member', 'stranger'] }),
      )
      await assertFails(db.doc('rooms/item-available').update({ title: 'Renamed' }))
      await assertFails(db.doc('rooms/item-available').delete())
    }
  })

  it('nobody adds themself as a member or posts a system message', async () => {
    await assertFails(
      as(env, 'stranger')
        .doc('rooms/item-available/members/stranger')
        .set({ username: 'Stranger', color: '#000000', role: 'member' }),
    )
    await assertFails(as(env, 'member').doc('rooms/item-available/members/member').delete())
    await assertFails(
      as(env, 'owner').doc('rooms/item-available/messages/s').set({
        kind: 'system',
        text: 'sold',
        senderId: 'owner',
        senderName: 'Owner',
        createdAt: serverTimestamp(),
      }),
    )
  })

  it('members read and count the conversation with a limit; others cannot', async () => {
    const messages = (actor: 'member' | 'stranger') =>
      as(env, actor).collection('rooms/item-available/messages')
    // A buyer's query carries their history bound (tests/rules/chat.test.ts); the seller's need not.
    await assertSucceeds(messages('member').where('createdAt', '>=', past).limit(50).get())
    await assertSucceeds(
      as(env, 'owner').collection('rooms/item-available/messages').limit(50).get(),
    )
    await assertFails(messages('member').limit(50).get())
    await assertFails(messages('member').where('createdAt', '>=', past).get())
    await assertFails(messages('stranger').limit(50).get())
    // A stranger sees the item room's public face only, never its member list or last message.
    await assertFails(as(env, 'stranger').doc('rooms/item-available').get())
    await assertSucceeds(as(env, 'stranger').doc('publicRooms/item-available').get())
    const myChats = as(env, 'member')
      .collection('rooms')
      .where('memberIds', 'array-contains', 'member')
      .orderBy('lastMessageAt', 'desc')
    await assertSucceeds(myChats.limit(100).get())
    await assertFails(myChats.get())
  })
})
