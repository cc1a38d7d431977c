import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { MESSAGE_TEXT_MAX_LENGTH } from '@domain/limits'
import {
  type Actor,
  as,
  assertFails,
  assertSucceeds,
  rulesEnv,
  seed,
  sendWithLog,
  updateWithLog,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())
const past = new Date('2024-01-01T00:00:00Z')

function memberDoc(username: string, role = 'member') {
  return { username, color: '#123456', role, joinedAt: past, lastReadAt: past }
}

beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    'rooms/r1': {
      kind: 'open',
      title: 'Room',
      ownerId: 'owner',
      capacity: 5,
      hasPassword: true,
      memberIds: ['owner', 'member'],
      memberCount: 2,
      lastMessage: null,
      lastMessageAt: past,
      createdAt: past,
    },
    'rooms/r1/members/owner': memberDoc('Owner', 'owner'),
    'rooms/r1/members/member': memberDoc('Member'),
    'rooms/r1/messages/m1': {
      kind: 'text',
      text: 'hi',
      senderId: 'member',
      senderName: 'Member',
      createdAt: past,
    },
    'rooms/r1/messages/m2': {
      kind: 'text',
      text: 'yo',
      senderId: 'owner',
      senderName: 'Owner',
      createdAt: past,
    },
    'rooms/r1/messages/s1': {
      kind: 'system',
      text: 'joined',
      event: 'joined',
      actorName: 'Member',
      senderId: 'member',
      senderName: 'system',
      createdAt: past,
    },
    'rooms/r1/private/secret': { passwordHash: 'scrypt$…' },
    'publicRooms/r1': {
      kind: 'open',
      title: 'Room',
      capacity: 5,
      hasPassword: true,
      memberCount: 2,
      createdAt: past,
      lastActiveAt: 0,
      rank: 0,
    },
  })
})

/** Actors of the room table: `stranger` is signed in but not a member. */
const nonMembers: Actor[] = ['signed-out', 'stranger']
const members: Actor[] = ['member', 'owner']

function text(actor: Actor, overrides: Record<string, unknown> = {}) {
  const names: Record<string, string> = { member: 'Member', owner: 'Owner', stranger: 'Stranger' }
  return {
    kind: 'text',
    text: 'hello',
    senderId: actor,
    senderName: names[actor] ?? 'x',
    createdAt: serverTimestamp(),
    ...overrides,
  }
}

describe('rooms/{roomId}', () => {
  it('signed out: cannot get or list rooms', async () => {
    await assertFails(as(env, 'signed-out').doc('rooms/r1').get())
    await assertFails(as(env, 'signed-out').collection('rooms').get())
  })

  for (const actor of ['guest', 'stranger'] as const) {
    it(`${actor}: cannot get the room, list it or anyone's rooms, only their own (none)`, async () => {
      const db = as(env, actor)
      await assertFails(db.doc('rooms/r1').get())
      await assertFails(db.collection('rooms').where('kind', '==', 'open').limit(10).get())
      await assertFails(
        db.collection('rooms').where('memberIds', 'array-contains', 'member').limit(10).get(),
      )
      await assertSucceeds(
        db.collection('rooms').where('memberIds', 'array-contains', actor).limit(10).get(),
      )
    })
  }

  for (const actor of ['member', 'owner'] as const) {
    it(`${actor}: can get the room and list their own rooms with a limit ≤ 100, nobody else's`, async () => {
      const db = as(env, actor)
      const other = actor === 'owner' ? 'member' : 'owner'
      await assertSucceeds(db.doc('rooms/r1').get())
      const mine = db.collection('rooms').where('memberIds', 'array-contains', actor)
      await assertSucceeds(mine.limit(100).get())
      await assertFails(mine.limit(101).get())
      await assertFails(mine.get())
      await assertFails(
        db.collection('rooms').where('memberIds', 'array-contains', other).limit(10).get(),
      )
      await assertFails(db.collection('rooms').where('kind', '==', 'open').limit(10).get())
    })

    it(`${actor}: cannot create, update or delete a room`, async () => {
      const db = as(env, actor)
      await assertFails(db.doc('rooms/r2').set({ kind: 'open', title: 'x', ownerId: actor }))
      await assertFails(db.doc('rooms/r1').update({ memberCount: 1 }))
      await assertFails(db.doc('rooms/r1').update({ memberIds: ['owner', 'member', actor] }))
      await assertFails(db.doc('rooms/r1').delete())
    })
  }

  it('signed out: cannot read the public face either', async () => {
    await assertFails(as(env, 'signed-out').doc('publicRooms/r1').get())
    await assertFails(as(env, 'signed-out').collection('publicRooms').limit(5).get())
  })

  for (const actor of ['guest', 'stranger', 'member'] as const) {
    it(`${actor}: reads the public face with a limit ≤ 50, never writes it`, async () => {
      const db = as(env, actor)
      await assertSucceeds(db.doc('publicRooms/r1').get())
      const lobby = db.collection('publicRooms').where('kind', '==', 'open').orderBy('rank', 'desc')
      await assertSucceeds(lobby.limit(50).get())
      await assertFails(lobby.limit(51).get())
      await assertFails(lobby.get())
      await assertFails(db.doc('publicRooms/r1').update({ rank: 9e15 }))
      await assertFails(db.doc('publicRooms/spam').set({ kind: 'open', title: 'Spam' }))
    })
  }

  it('nobody can write an item room', async () => {
    await assertFails(
      as(env, 'owner').doc('rooms/item-abc').set({ kind: 'item', title: 'x', ownerId: 'owner' }),
    )
  })
})

describe('rooms/{roomId}/members/{uid}', () => {
  for (const actor of nonMembers) {
    it(`${actor}: cannot get, list, create, update or delete members`, async () => {
      const db = as(env, actor)
      await assertFails(db.doc('rooms/r1/members/member').get())
      await assertFails(db.collection('rooms/r1/members').limit(10).get())
      await assertFails(db.doc(`rooms/r1/members/${actor}`).set(memberDoc('Me')))
      await assertFails(db.doc('rooms/r1/members/member').update({ lastReadAt: serverTimestamp() }))
      await assertFails(db.doc('rooms/r1/members/member').delete())
    })
  }

  for (const actor of members) {
    it(`${actor}: can read members, update only their own presence fields with server time`, async () => {
      const db = as(env, actor)
      const other = actor === 'owner' ? 'member' : 'owner'
      await assertSucceeds(db.doc(`rooms/r1/members/${other}`).get())
      await assertSucceeds(db.collection('rooms/r1/members').limit(100).get())
      await assertFails(db.collection('rooms/r1/members').limit(101).get())
      await assertFails(db.collection('rooms/r1/members').get())
      await assertSucceeds(
        db.doc(`rooms/r1/members/${actor}`).update({
          lastReadAt: serverTimestamp(),
          typingAt: serverTimestamp(),
          activeAt: serverTimestamp(),
        }),
      )
      await assertFails(
        db.doc(`rooms/r1/members/${actor}`).update({ lastReadAt: new Date(Date.now() - 60_000) }),
      )
      await assertFails(
        db.doc(`rooms/r1/members/${actor}`).update({ typingAt: new Date(Date.now() + 60_000) }),
      )
      await assertFails(db.doc(`rooms/r1/members/${actor}`).update({ username: 'Renamed' }))
      await assertFails(
        db
          .doc(`rooms/r1/members/${actor}`)
          .update({ role: actor === 'owner' ? 'member' : 'owner' }),
      )
      await assertFails(db.doc(`rooms/r1/members/${actor}`).update({ extra: 1 }))
      await assertFails(
        db.doc(`rooms/r1/members/${other}`).update({ lastReadAt: serverTimestamp() }),
      )
      await assertFails(db.doc('rooms/r1/members/newcomer').set(memberDoc('Newcomer')))
      await assertFails(db.doc(`rooms/r1/members/${other}`).delete())
      await assertFails(db.doc(`rooms/r1/members/${actor}`).delete())
    })
  }

  it('anyone signed in may ask whether they are a member (their own doc), nobody else’s', async () => {
    await assertSucceeds(as(env, 'stranger').doc('rooms/r1/members/stranger').get())
    await assertFails(as(env, 'stranger').doc('rooms/r1/members/owner').get())
    await assertFails(as(env, 'signed-out').doc('rooms/r1/members/stranger').get())
  })

  it('typing and activity: at most once per 4 s; read marks at the server time, once a second', async () => {
    const db = as(env, 'member')
    const me = db.doc('rooms/r1/members/member')
    await assertSucceeds(me.update({ typingAt: serverTimestamp() }))
    await assertFails(me.update({ typingAt: serverTimestamp() }))
    await assertSucceeds(me.update({ activeAt: serverTimestamp() }))
    await assertFails(me.update({ activeAt: serverTimestamp() }))
    await assertSucceeds(me.update({ lastReadAt: serverTimestamp() }))
    await assertFails(me.update({ lastReadAt: serverTimestamp() }))
    await seed(env, {
      'rooms/r1/members/member': {
        ...memberDoc('Member'),
        typingAt: new Date(Date.now() - 4_500),
        activeAt: new Date(Date.now() - 3_000),
      },
    })
    await assertSucceeds(me.update({ typingAt: serverTimestamp() }))
    await assertFails(me.update({ activeAt: serverTimestamp() }))
  })

  it('last seen (seenAt, the roster’s order): server time, only with a read, typing or activity mark', async () => {
    const me = as(env, 'member').doc('rooms/r1/members/member')
    await assertFails(me.update({ seenAt: serverTimestamp() }))
    await assertFails(
      me.update({ lastReadAt: serverTimestamp(), seenAt: new Date(Date.now() + 60_000) }),
    )
    await assertFails(me.update({ lastReadAt: serverTimestamp(), seenAt: null }))
    await assertSucceeds(me.update({ lastReadAt: serverTimestamp(), seenAt: serverTimestamp() }))
    await assertSucceeds(me.update({ typingAt: serverTimestamp(), seenAt: serverTimestamp() }))
    // It rides on the others' limits: a typing mark within 4 s is refused with it too.
    await assertFails(me.update({ typingAt: serverTimestamp(), seenAt: serverTimestamp() }))
    await assertSucceeds(me.update({ activeAt: serverTimestamp(), seenAt: serverTimestamp() }))
    await assertFails(
      as(env, 'owner').doc('rooms/r1/members/member').update({
        lastReadAt: serverTimestamp(),
        seenAt: serverTimestamp(),
      }),
    )
  })
})

describe('users/{uid}/state/memberships (my chats: my read positions in one document)', () => {
  const doc = 'users/member/state/memberships'

  beforeEach(() =>
    seed(env, {
      'rooms/r1/members/member': { ...memberDoc('Member'), uid: 'member' },
      [doc]: { rooms: { r1: { role: 'member', joinedAt: new Date(), lastReadAt: null } } },
    }),
  )

  it('its owner reads it and nobody writes it', async () => {
    const db = as(env, 'member')
    const mine = await assertSucceeds(db.doc(doc).get())
    expect(Object.keys(mine.get('rooms') as object)).toEqual(['r1'])
    await assertFails(db.doc(doc).set({ rooms: {} }))
    await assertFails(db.doc(doc).update({ 'rooms.r1.lastReadAt': serverTimestamp() }))
    await assertFails(db.doc(doc).delete())
    await assertFails(db.doc('users/member/state/other').set({ rooms: {} }))
    await assertFails(db.collection('users/member/state').limit(1).get())
    await assertFails(db.collectionGroup('members').where('uid', '==', 'member').limit(10).get())
  })

  for (const actor of ['signed-out', 'guest', 'stranger', 'owner'] as const) {
    it(`${actor}: cannot read another's, nor list member docs across rooms`, async () => {
      const db = as(env, actor)
      await assertFails(db.doc(doc).get())
      await assertFails(db.collectionGroup('members').where('uid', '==', 'member').limit(10).get())
    })
  }
})

describe('rooms/{roomId}/messages/{messageId}', () => {
  for (const actor of nonMembers) {
    it(`${actor}: cannot get, list, create, update or delete messages`, async () => {
      const db = as(env, actor)
      await assertFails(db.doc('rooms/r1/messages/m1').get())
      await assertFails(db.collection('rooms/r1/messages').limit(10).get())
      await assertFails(db.collection('rooms/r1/messages').add(text(actor)))
      if (actor !== 'signed-out') await assertFails(sendWithLog(db, 'rooms/r1', actor, text(actor)))
      await assertFails(
        updateWithLog(db, 'rooms/r1', actor, 'm1', { text: '', deletedAt: serverTimestamp() }),
      )
      await assertFails(db.doc('rooms/r1/messages/m1').delete())
    })
  }

  for (const actor of members) {
    it(`${actor}: can get, list with a limit ≤ 100 and send a text message as themself`, async () => {
      const db = as(env, actor)
      await assertSucceeds(db.doc('rooms/r1/messages/m1').get())
      await assertSucceeds(
        db.collection('rooms/r1/messages').orderBy('createdAt', 'desc').limit(50).get(),
      )
      await assertFails(db.collection('rooms/r1/messages').limit(101).get())
      await assertFails(db.collection('rooms/r1/messages').get())
      await assertSucceeds(sendWithLog(db, 'rooms/r1', actor, text(actor)))
      await assertSucceeds(
        sendWithLog(
          db,
          'rooms/r1',
          actor,
          text(actor, { text: 'x'.repeat(MESSAGE_TEXT_MAX_LENGTH) }),
        ),
      )
    })
  }

  it('a message without its sendLog slot, or with someone else’s, is refused', async () => {
    const db = as(env, 'member')
    await assertFails(db.collection('rooms/r1/messages').add(text('member')))
    await assertFails(sendWithLog(db, 'rooms/r1', 'member', text('member'), { logUid: 'owner' }))
    await assertSucceeds(sendWithLog(db, 'rooms/r1', 'member', text('member')))
  })

  it('a member cannot forge the sender, the kind, the time, keys or sizes', async () => {
    const db = as(env, 'member')
    const messages = {
      add: (message: Record<string, unknown>) => sendWithLog(db, 'rooms/r1', 'member', message),
    }
    await assertSucceeds(messages.add(text('member')))
    await assertFails(messages.add(text('member', { senderId: 'owner' })))
    await assertFails(messages.add(text('member', { senderName: 'Owner' })))
    await assertFails(messages.add(text('member', { kind: 'system' })))
    await assertFails(
      messages.add(text('member', { kind: 'system', event: 'joined', actorName: 'Member' })),
    )
    await assertFails(messages.add(text('member', { createdAt: new Date() })))
    await assertFails(messages.add(text('member', { createdAt: past })))
    await assertFails(messages.add(text('member', { extra: true })))
    await assertFails(messages.add(text('member', { deletedAt: serverTimestamp() })))
    await assertFails(
      messages.add(text('member', { text: 'x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1) })),
    )
    await assertFails(messages.add(text('member', { text: '' })))
    await assertFails(messages.add(text('member', { text: '   \n\t ' })))
    await assertFails(messages.add(text('member', { text: { html: '<b>' } })))
    const withoutName: Record<string, unknown> = text('member')
    delete withoutName.senderName
    await assertFails(messages.add(withoutName))
  })

  it('a sender soft-deletes their own text message once; nobody deletes or edits others', async () => {
    const member = as(env, 'member')
    const owner = as(env, 'owner')
    // Each update goes with a send slot, as the app writes it: refused for what it changes.
    const change = (actor: 'member' | 'owner', id: string, patch: Record<string, unknown>) =>
      updateWithLog(actor === 'member' ? member : owner, 'rooms/r1', actor, id, patch)
    await assertFails(change('member', 'm1', { text: 'edited' }))
    await assertFails(change('member', 'm1', { text: '', deletedAt: new Date() }))
    await assertFails(change('member', 'm1', { deletedAt: serverTimestamp() }))
    await assertFails(change('owner', 'm1', { text: '', deletedAt: serverTimestamp() }))
    await assertFails(change('member', 's1', { text: '', deletedAt: serverTimestamp() }))
    await assertSucceeds(change('member', 'm1', { text: '', deletedAt: serverTimestamp() }))
    await assertFails(change('member', 'm1', { text: '', deletedAt: serverTimestamp() }))
    await assertFails(member.doc('rooms/r1/messages/m1').delete())
    await assertFails(owner.doc('rooms/r1/messages/m2').delete())
  })
})

describe('rooms/{roomId}/private/{doc}', () => {
  for (const actor of [...nonMembers, ...members]) {
    it(`${actor}: cannot read or write private docs`, async () => {
      const db = as(env, actor)
      await assertFails(db.doc('rooms/r1/private/secret').get())
      await assertFails(db.collection('rooms/r1/private').get())
      await assertFails(db.doc('rooms/r1/private/secret').set({ passwordHash: 'x' }))
      await assertFails(db.doc('rooms/r1/private/secret').delete())
    })
  }
})
