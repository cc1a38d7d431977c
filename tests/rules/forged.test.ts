// Forged client writes: spoofed identities, forged kinds and clocks, extra keys, wrong types,
// sizes at and past every bound, other people's data, and writes only functions may make.
import { Timestamp, deleteField, serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, it } from 'vitest'
import {
  ITEM_DESCRIPTION_MAX_LENGTH,
  ITEM_PRICE_MAX,
  ITEM_TITLE_MAX_LENGTH,
  MESSAGE_QUERY_LIMIT_MAX,
  MESSAGE_TEXT_MAX_LENGTH,
} from '@domain/limits'
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
  sendWithLog,
  updateWithLog,
} from '../support/rules'

const ROOM = 'rooms/room1'
const MESSAGES = `${ROOM}/messages`

const env = await rulesEnv()
afterAll(() => env.cleanup())

function message(overrides: object = {}) {
  return {
    kind: 'text',
    text: 'hello',
    senderId: 'member',
    senderName: 'Member',
    createdAt: serverTimestamp(),
    ...overrides,
  }
}

function without(data: Record<string, unknown>, key: string) {
  const copy = { ...data }
  delete copy[key]
  return copy
}

beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    'usernames/owner': { uid: 'owner', username: 'Owner' },
    'users/owner': profileDoc('Owner'),
    'users/member': profileDoc('Member'),
    'users/stranger': profileDoc('Stranger'),
    'items/available': { ...itemDoc(), createdAt: new Date(), updatedAt: new Date() },
    'items/sold': { ...itemDoc({ status: 'sold' }), createdAt: new Date(), updatedAt: new Date() },
    [ROOM]: {
      kind: 'open',
      title: 'Room',
      ownerId: 'owner',
      capacity: 3,
      hasPassword: false,
      memberIds: ['owner', 'member'],
      memberCount: 2,
      lastMessage: null,
      lastMessageAt: null,
      createdAt: new Date(),
    },
    [`${ROOM}/members/owner`]: {
      username: 'Owner',
      color: '#1',
      role: 'owner',
      joinedAt: new Date(),
      lastReadAt: null,
    },
    [`${ROOM}/members/member`]: {
      username: 'Member',
      color: '#2',
      role: 'member',
      joinedAt: new Date(),
      lastReadAt: null,
    },
    [`${MESSAGES}/by-owner`]: {
      kind: 'text',
      text: 'hi',
      senderId: 'owner',
      senderName: 'Owner',
      createdAt: new Date(),
    },
    [`${MESSAGES}/by-member`]: {
      kind: 'text',
      text: 'yo',
      senderId: 'member',
      senderName: 'Member',
      createdAt: new Date(),
    },
    [`${MESSAGES}/system`]: {
      kind: 'system',
      text: 'joined',
      event: 'joined',
      senderId: 'member',
      senderName: 'system',
      actorName: 'Member',
      createdAt: new Date(),
    },
  })
})

describe('messages: forged by a member', () => {
  const send = (data: object) =>
    sendWithLog(as(env, 'member'), ROOM, 'member', data as Record<string, unknown>)

  it('a well-formed message is accepted (the baseline every forgery differs from)', async () => {
    await assertSucceeds(send(message()))
  })

  it('spoofed senderId or senderName is refused', async () => {
    await assertFails(send(message({ senderId: 'owner' })))
    await assertFails(send(message({ senderId: 'owner', senderName: 'Owner' })))
    await assertFails(send(message({ senderName: 'Owner' })))
    await assertFails(send(message({ senderName: 'member' })))
    await assertFails(send(message({ senderName: 'system' })))
  })

  it("forged kind 'system' is refused, with or without event fields", async () => {
    await assertFails(send(message({ kind: 'system' })))
    await assertFails(
      send(message({ kind: 'system', text: 'joined', event: 'joined', actorName: 'Owner' })),
    )
    await assertFails(send(message({ kind: 'image' })))
  })

  it('client-clock, forged or missing timestamps are refused', async () => {
    await assertFails(send(message({ createdAt: Timestamp.now() })))
    await assertFails(send(message({ createdAt: Timestamp.fromMillis(Date.now() + 86_400_000) })))
    await assertFails(send(message({ createdAt: Timestamp.fromMillis(0) })))
    await assertFails(send(message({ createdAt: 'now' })))
    await assertFails(send(message({ createdAt: null })))
    await assertFails(send(without(message(), 'createdAt')))
  })

  it('unknown extra keys are refused', async () => {
    await assertFails(send(message({ deletedAt: serverTimestamp() })))
    await assertFails(send(message({ event: 'joined' })))
    await assertFails(send(message({ actorName: 'Owner' })))
    await assertFails(send(message({ pinned: true })))
    await assertFails(send(message({ __proto__x: 1 })))
  })

  it('wrong types for text are refused', async () => {
    await assertFails(send(message({ text: { html: '<b>x</b>' } })))
    await assertFails(send(message({ text: ['a'] })))
    await assertFails(send(message({ text: 42 })))
    await assertFails(send(message({ text: null })))
    await assertFails(send(message({ text: true })))
  })

  it('text at and past its bounds; blank text of any whitespace is refused', async () => {
    await assertSucceeds(send(message({ text: 'x' })))
    await assertSucceeds(send(message({ text: 'x'.repeat(MESSAGE_TEXT_MAX_LENGTH) })))
    await assertFails(send(message({ text: 'x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1) })))
    await assertFails(send(message({ text: '' })))
    for (const blank of [' ', '   ', '\n\t', '\u3000', '\u00a0', '\u2028', '\ufeff', ' \u3000 ']) {
      await assertFails(send(message({ text: blank })))
    }
  })

  it('text longer than the limit in UTF-16 units (the unit the client counts) is refused', async () => {
    const emoji = '😀'
    await assertSucceeds(send(message({ text: emoji.repeat(MESSAGE_TEXT_MAX_LENGTH / 2) })))
    await assertFails(send(message({ text: emoji.repeat(MESSAGE_TEXT_MAX_LENGTH / 2 + 1) })))
  })

  it('a stranger cannot post, even with a send log of their own', async () => {
    await assertFails(
      sendWithLog(
        as(env, 'stranger'),
        ROOM,
        'stranger',
        message({ senderId: 'stranger', senderName: 'Stranger' }),
      ),
    )
  })

  it('a stranger or a signed-out user cannot post, even as themselves', async () => {
    await assertFails(
      as(env, 'stranger')
        .collection(MESSAGES)
        .add(message({ senderId: 'stranger', senderName: 'Stranger' })),
    )
    await assertFails(
      as(env, 'signed-out')
        .collection(MESSAGES)
        .add(message({ senderId: '', senderName: '' })),
    )
  })
})

describe('messages: editing and deleting', () => {
  // Every update goes with a send slot, as the app writes it: refused for what it changes.
  const change = (actor: 'member' | 'owner', id: string, patch: Record<string, unknown>) =>
    updateWithLog(as(env, actor), ROOM, actor, id, patch)

  it("someone else's message cannot be edited, soft-deleted or deleted", async () => {
    const db = as(env, 'member')
    await assertFails(change('member', 'by-owner', { text: 'owned' }))
    await assertFails(change('member', 'by-owner', { text: '', deletedAt: serverTimestamp() }))
    await assertFails(db.doc(`${MESSAGES}/by-owner`).delete())
  })

  it('system messages cannot be edited or deleted, even by the actor', async () => {
    const db = as(env, 'member')
    await assertFails(change('member', 'system', { text: '', deletedAt: serverTimestamp() }))
    await assertFails(change('member', 'system', { actorName: 'Owner' }))
    await assertFails(db.doc(`${MESSAGES}/system`).delete())
  })

  it('own message: only a soft delete (text emptied, server time), once; never a rewrite', async () => {
    const own = (patch: Record<string, unknown>) => change('member', 'by-member', patch)
    await assertFails(own({ text: 'edited' }))
    await assertFails(own({ text: '', deletedAt: Timestamp.now() }))
    await assertFails(own({ text: 'not empty', deletedAt: serverTimestamp() }))
    await assertFails(own({ text: '', deletedAt: serverTimestamp(), senderName: 'Owner' }))
    await assertFails(own({ createdAt: serverTimestamp() }))
    await assertFails(as(env, 'member').doc(`${MESSAGES}/by-member`).delete())
    await assertSucceeds(own({ text: '', deletedAt: serverTimestamp() }))
    await assertFails(own({ deletedAt: serverTimestamp() }))
    await assertFails(own({ text: 'back', deletedAt: deleteField() }))
  })
})

describe('messages: queries', () => {
  it('a list needs a limit of at most MESSAGE_QUERY_LIMIT_MAX', async () => {
    const db = as(env, 'member')
    await assertFails(db.collection(MESSAGES).get())
    await assertFails(db.collection(MESSAGES).orderBy('createdAt').get())
    await assertFails(
      db
        .collection(MESSAGES)
        .limit(MESSAGE_QUERY_LIMIT_MAX + 1)
        .get(),
    )
    await assertSucceeds(db.collection(MESSAGES).limit(MESSAGE_QUERY_LIMIT_MAX).get())
  })

  it("after leaving, a user can no longer read or post in the room's messages", async () => {
    await assertSucceeds(as(env, 'member').collection(MESSAGES).limit(10).get())
    await env.withSecurityRulesDisabled(async (ctx) => {
      await ctx.firestore().doc(`${ROOM}/members/member`).delete()
    })
    const db = as(env, 'member')
    await assertFails(db.collection(MESSAGES).limit(10).get())
    await assertFails(db.doc(`${MESSAGES}/by-member`).get())
    await assertFails(db.collection(MESSAGES).add(message()))
    await assertFails(
      updateWithLog(db, ROOM, 'member', 'by-member', { text: '', deletedAt: serverTimestamp() }),
    )
    await assertFails(db.collection(`${ROOM}/members`).limit(10).get())
  })
})

describe('items: forged by a seller', () => {
  const create = (data: object, actor: 'owner' | 'stranger' | 'guest' = 'owner') => {
    const db = as(env, actor)
    const path = db.collection('items').doc().path
    return listWithLog(db, actor, path, data as Record<string, unknown>)
  }

  it('a well-formed listing is accepted (the baseline)', async () => {
    await assertSucceeds(create(itemDoc()))
  })

  it('spoofed sellerId or sellerName is refused', async () => {
    await assertFails(create(itemDoc({ sellerId: 'member' })))
    await assertFails(create(itemDoc({ sellerId: 'member', sellerName: 'Member' }), 'owner'))
    await assertFails(create(itemDoc({ sellerName: 'Member' })))
    await assertFails(create(itemDoc({ sellerName: 'owner' })))
    await assertFails(create(itemDoc({ sellerId: 'owner', sellerName: 'Owner' }), 'stranger'))
  })

  it('a guest cannot list an item', async () => {
    await assertFails(create(itemDoc({ sellerId: 'guest', sellerName: 'guest_1' }), 'guest'))
  })

  it('wrong types are refused: string or float price, map title, number description', async () => {
    await assertFails(create(itemDoc({ price: '1000' })))
    await assertFails(create(itemDoc({ price: 10.5 })))
    await assertFails(create(itemDoc({ price: null })))
    await assertFails(create(itemDoc({ title: { text: 'Bike' } })))
    await assertFails(create(itemDoc({ title: ['Bike'] })))
    await assertFails(create(itemDoc({ description: 5 })))
    await assertFails(create(itemDoc({ status: true })))
  })

  it('sizes at and past every bound', async () => {
    await assertSucceeds(create(itemDoc({ price: 0 })))
    await assertFails(create(itemDoc({ price: -1 })))
    await assertSucceeds(create(itemDoc({ price: ITEM_PRICE_MAX })))
    await assertFails(create(itemDoc({ price: ITEM_PRICE_MAX + 1 })))
    await assertSucceeds(create(itemDoc({ title: 'x' })))
    await assertFails(create(itemDoc({ title: '' })))
    await assertFails(create(itemDoc({ title: '   ' })))
    await assertFails(create(itemDoc({ title: '\u3000' })))
    await assertSucceeds(create(itemDoc({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH) })))
    await assertFails(create(itemDoc({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH + 1) })))
    await assertSucceeds(create(itemDoc({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH) })))
    await assertFails(create(itemDoc({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH + 1) })))
  })

  it('a new listing must be available, with server timestamps and exactly the known keys', async () => {
    await assertFails(create(itemDoc({ status: 'sold' })))
    await assertFails(create(itemDoc({ status: 'reserved' })))
    await assertFails(create(itemDoc({ createdAt: Timestamp.now() })))
    await assertFails(create(itemDoc({ updatedAt: Timestamp.fromMillis(0) })))
    await assertFails(create(itemDoc({ featured: true })))
    await assertFails(create(without(itemDoc(), 'description')))
  })

  it('updates: only title, description, price, status and updatedAt, by the seller, at server time', async () => {
    const own = as(env, 'owner').doc('items/available')
    await assertFails(own.update({ sellerId: 'member', updatedAt: serverTimestamp() }))
    await assertFails(own.update({ sellerName: 'Someone', updatedAt: serverTimestamp() }))
    await assertFails(own.update({ createdAt: serverTimestamp(), updatedAt: serverTimestamp() }))
    await assertFails(editItem(as(env, 'owner'), 'items/available', { price: 5 }))
    await assertFails(
      editItem(as(env, 'owner'), 'items/available', { price: 5, updatedAt: Timestamp.now() }),
    )
    await assertFails(
      editItem(as(env, 'owner'), 'items/available', { price: '5', updatedAt: serverTimestamp() }),
    )
    await assertFails(own.update({ status: 'gone', updatedAt: serverTimestamp() }))
    await assertFails(own.update({ promoted: true, updatedAt: serverTimestamp() }))
    await assertFails(
      as(env, 'member')
        .doc('items/available')
        .update({ status: 'sold', updatedAt: serverTimestamp() }),
    )
    await assertSucceeds(moveStatus(as(env, 'owner'), 'items/available', 'reserved'))
    await assertSucceeds(moveStatus(as(env, 'owner'), 'items/available', 'available'))
    // Sold only through completeSale, which names the buyer.
    await assertFails(moveStatus(as(env, 'owner'), 'items/available', 'sold'))
  })

  it('a sold item cannot be re-opened or edited', async () => {
    const sold = as(env, 'owner').doc('items/sold')
    await assertFails(sold.update({ status: 'available', updatedAt: serverTimestamp() }))
    await assertFails(sold.update({ status: 'reserved', updatedAt: serverTimestamp() }))
    await assertFails(
      editItem(as(env, 'owner'), 'items/sold', { price: 1, updatedAt: serverTimestamp() }),
    )
    await assertFails(sold.update({ updatedAt: serverTimestamp() }))
    await assertFails(sold.delete())
  })
})

describe('function-only documents: no client writes', () => {
  it('rooms: no create, update or delete by anyone (not even to fix capacity or counts)', async () => {
    const db = as(env, 'owner')
    await assertFails(
      db.doc('rooms/new').set({
        kind: 'open',
        title: 'x',
        ownerId: 'owner',
        capacity: 2.5,
        memberIds: ['owner'],
        memberCount: 1,
      }),
    )
    await assertFails(db.doc(ROOM).update({ capacity: 100 }))
    await assertFails(db.doc(ROOM).update({ memberCount: 1 }))
    await assertFails(
      db.doc(ROOM).update({ lastMessage: { text: 'x', senderName: 'Owner', kind: 'text' } }),
    )
    await assertFails(db.doc(ROOM).delete())
  })

  it('members: no joining yourself, no role, name or colour change, no touching others', async () => {
    const member = as(env, 'member')
    await assertFails(
      as(env, 'stranger')
        .doc(`${ROOM}/members/stranger`)
        .set({ username: 'Stranger', color: '#3', role: 'member' }),
    )
    await assertFails(member.doc(`${ROOM}/members/member`).update({ role: 'owner' }))
    await assertFails(member.doc(`${ROOM}/members/member`).update({ username: 'Owner' }))
    await assertFails(member.doc(`${ROOM}/members/member`).update({ color: '#ff0000' }))
    await assertFails(member.doc(`${ROOM}/members/member`).update({ typingAt: Timestamp.now() }))
    await assertFails(member.doc(`${ROOM}/members/member`).update({ lastReadAt: deleteField() }))
    await assertFails(member.doc(`${ROOM}/members/member`).update({ activeAt: 'now' }))
    await assertFails(member.doc(`${ROOM}/members/owner`).update({ lastReadAt: serverTimestamp() }))
    await assertFails(member.doc(`${ROOM}/members/owner`).delete())
    await assertFails(member.doc(`${ROOM}/members/member`).delete())
    await assertSucceeds(
      member
        .doc(`${ROOM}/members/member`)
        .update({ typingAt: serverTimestamp(), activeAt: serverTimestamp() }),
    )
  })

  it('usernames, users and private: no client writes, no private reads', async () => {
    const db = as(env, 'stranger')
    await assertFails(db.doc('usernames/stranger').set({ uid: 'stranger', username: 'Stranger' }))
    await assertFails(db.doc('usernames/owner').set({ uid: 'stranger', username: 'Owner' }))
    await assertFails(db.doc('usernames/owner').delete())
    await assertFails(db.doc('users/stranger').update({ isGuest: false }))
    await assertFails(db.doc('users/stranger').update({ username: 'Owner', usernameKey: 'owner' }))
    await assertFails(db.doc('users/stranger').set(profileDoc('Admin')))
    await assertFails(db.doc('users/stranger').delete())
    const member = as(env, 'member')
    await assertFails(member.doc(`${ROOM}/private/secret`).get())
    await assertFails(
      member.doc(`${ROOM}/private/attempts-member`).set({ count: 0, windowStart: 0 }),
    )
    await assertFails(member.doc(`${ROOM}/private/attempts-member`).delete())
  })
})
