// Chat features of issue 13: replies, reactions, edits, the item-room history bound, following a
// room by `updatedAt`, reports and blocks, for every actor.
import { arrayRemove, arrayUnion, serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, it } from 'vitest'
import { REACTION_KEYS, reportId } from '@domain/chat'
import {
  MESSAGE_EDIT_WINDOW_MS,
  MESSAGE_QUERY_LIMIT_MAX,
  OWN_LIST_QUERY_LIMIT_MAX,
  REPLY_SNIPPET_MAX_LENGTH,
} from '@domain/limits'
import {
  type Actor,
  type RulesDb,
  as,
  assertFails,
  assertSucceeds,
  blockWithLog,
  forgetSends,
  profileDoc,
  rulesEnv,
  seed,
  sendWithLog,
  updateWithLog,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())

const ROOM = 'rooms/r1'
const ITEM_ROOM = 'rooms/item-i1'
const NAMES: Record<string, string> = {
  owner: 'Owner',
  member: 'Member',
  guest: 'guest_1234',
  stranger: 'Stranger',
}
const t0 = new Date('2024-01-01T00:00:00Z')
const t1 = new Date('2024-01-02T00:00:00Z')
const t2 = new Date('2024-01-03T00:00:00Z')
const t3 = new Date('2024-01-04T00:00:00Z')

function memberDoc(username: string, role: string, joinedAt: Date) {
  return { username, color: '#123456', role, joinedAt, lastReadAt: joinedAt }
}
function message(senderId: string, createdAt: Date, extra: Record<string, unknown> = {}) {
  return {
    kind: 'text',
    text: `from ${senderId}`,
    senderId,
    senderName: NAMES[senderId] ?? senderId,
    createdAt,
    ...extra,
  }
}
function reply(uid: string, replyTo: unknown) {
  return {
    kind: 'text',
    text: 'answer',
    senderId: uid,
    senderName: NAMES[uid] ?? uid,
    createdAt: serverTimestamp(),
    replyTo,
  }
}

beforeEach(async () => {
  await env.clearFirestore()
  const recent = new Date(Date.now() - 60_000)
  await seed(env, {
    'users/owner': profileDoc('Owner'),
    'users/member': profileDoc('Member'),
    'users/guest': profileDoc('guest_1234', true),
    'users/stranger': profileDoc('Stranger'),
    'users/pest': profileDoc('Pest'),
    [ROOM]: { kind: 'open', title: 'Room', ownerId: 'owner', memberIds: ['owner', 'member'] },
    [`${ROOM}/members/owner`]: memberDoc('Owner', 'owner', t0),
    [`${ROOM}/members/member`]: memberDoc('Member', 'member', t2),
    [`${ROOM}/members/guest`]: memberDoc('guest_1234', 'member', t2),
    [`${ROOM}/messages/old`]: message('owner', t1),
    [`${ROOM}/messages/recent-owner`]: message('owner', recent),
    [`${ROOM}/messages/recent-member`]: message('member', recent),
    [`${ROOM}/messages/stale-member`]: message('member', new Date(Date.now() - 16 * 60_000)),
    [`${ROOM}/messages/gone`]: message('member', recent, { text: '', deletedAt: recent }),
    [`${ROOM}/messages/sys`]: {
      kind: 'system',
      text: 'joined',
      event: 'joined',
      actorName: 'Member',
      senderId: 'member',
      senderName: 'system',
      createdAt: t2,
    },
    // An item room: the seller (owner) since t0, a buyer (member) and a guest buyer since t2.
    [ITEM_ROOM]: { kind: 'item', title: 'Bike', ownerId: 'owner', itemId: 'i1' },
    [`${ITEM_ROOM}/members/owner`]: memberDoc('Owner', 'owner', t0),
    [`${ITEM_ROOM}/members/member`]: memberDoc('Member', 'member', t2),
    [`${ITEM_ROOM}/members/guest`]: memberDoc('guest_1234', 'member', t2),
    [`${ITEM_ROOM}/messages/before`]: message('stranger', t1, { text: 'Could you do 18,000?' }),
    [`${ITEM_ROOM}/messages/joined`]: message('member', t2),
    [`${ITEM_ROOM}/messages/after`]: message('owner', t3),
    'users/owner/blocks/stranger': { username: 'Stranger', createdAt: t0 },
  })
})

const roomMembers: Actor[] = ['owner', 'member', 'guest']
const outsiders: Actor[] = ['signed-out', 'stranger']

describe('replies', () => {
  for (const actor of roomMembers) {
    it(`${actor}: sends a reply quoting ≤ ${REPLY_SNIPPET_MAX_LENGTH} characters of another message`, async () => {
      // Sent as the app sends, with the sender's send-log slot (rate limit, firestore.rules).
      const messages = {
        add: (message: object) =>
          sendWithLog(as(env, actor), ROOM, actor, message as Record<string, unknown>),
      }
      const quote = { id: 'recent-owner', senderName: 'Owner', text: 'from owner' }
      await assertSucceeds(messages.add(reply(actor, quote)))
      await assertSucceeds(
        messages.add(reply(actor, { ...quote, text: 'x'.repeat(REPLY_SNIPPET_MAX_LENGTH) })),
      )
      await assertFails(
        messages.add(reply(actor, { ...quote, text: 'x'.repeat(REPLY_SNIPPET_MAX_LENGTH + 1) })),
      )
      await assertFails(messages.add(reply(actor, { ...quote, extra: 1 })))
      await assertFails(messages.add(reply(actor, { id: 'recent-owner', senderName: 'Owner' })))
      await assertFails(messages.add(reply(actor, { ...quote, id: '' })))
      await assertFails(messages.add(reply(actor, { ...quote, senderName: 5 })))
      await assertFails(messages.add(reply(actor, { ...quote, text: null })))
      // A forged quote is held to what a message may hold: no direction override, not invisible.
      await assertFails(messages.add(reply(actor, { ...quote, text: 'pay.\u202Egpj.exe' })))
      await assertFails(messages.add(reply(actor, { ...quote, text: '\u200B\u200B' })))
      await assertSucceeds(messages.add(reply(actor, { ...quote, text: '' })))
      await assertFails(messages.add(reply(actor, 'recent-owner')))
      await assertFails(
        sendWithLog(as(env, actor), ROOM, actor, reply(actor, { ...quote, id: 'self' }), {
          messageId: 'self',
        }),
      )
    })
  }

  for (const actor of outsiders) {
    it(`${actor}: cannot send a reply`, async () => {
      const quote = { id: 'recent-owner', senderName: 'Owner', text: 'from owner' }
      await assertFails(as(env, actor).collection(`${ROOM}/messages`).add(reply(actor, quote)))
    })
  }
})

describe('reactions', () => {
  for (const actor of roomMembers) {
    it(`${actor}: adds and removes only their own uid, with one of ${REACTION_KEYS.length} keys`, async () => {
      const db = as(env, actor)
      const react = (patch: Record<string, unknown>, id = 'recent-owner') =>
        updateWithLog(db, ROOM, actor, id, patch)
      for (const key of REACTION_KEYS) {
        await assertSucceeds(react({ [`reactions.${key}`]: arrayUnion(actor) }))
        await forgetSends(env, ROOM, actor)
      }
      await assertSucceeds(react({ 'reactions.like': arrayRemove(actor) }))
      await assertFails(react({ 'reactions.fire': arrayUnion(actor) }))
      await assertFails(react({ 'reactions.like': arrayUnion('someone-else') }))
      await assertFails(react({ 'reactions.like': [actor, actor] }))
      await assertFails(react({ 'reactions.like': actor }))
      await assertFails(react({ reactions: 'all' }))
      await assertFails(react({ 'reactions.like': arrayUnion(actor), text: 'changed' }))
      // Not on a deleted or a system message.
      await assertFails(react({ 'reactions.like': arrayUnion(actor) }, 'gone'))
      await assertFails(react({ 'reactions.like': arrayUnion(actor) }, 'sys'))
    })
  }

  it("a member cannot remove someone else's reaction", async () => {
    await assertSucceeds(
      updateWithLog(as(env, 'owner'), ROOM, 'owner', 'recent-member', {
        'reactions.love': arrayUnion('owner'),
      }),
    )
    const react = (patch: Record<string, unknown>) =>
      updateWithLog(as(env, 'member'), ROOM, 'member', 'recent-member', patch)
    await assertFails(react({ 'reactions.love': arrayRemove('owner') }))
    await assertFails(react({ 'reactions.love': ['member'] }))
    await assertSucceeds(react({ 'reactions.love': arrayUnion('member') }))
  })

  it('a reaction, an edit or a deletion takes a send slot: 5 message writes in 5 s, then refused', async () => {
    const db = as(env, 'member')
    for (const key of REACTION_KEYS.slice(0, 4)) {
      await assertSucceeds(
        updateWithLog(db, ROOM, 'member', 'recent-owner', {
          [`reactions.${key}`]: arrayUnion('member'),
        }),
      )
    }
    await assertSucceeds(
      updateWithLog(db, ROOM, 'member', 'recent-member', {
        text: 'fixed',
        editedAt: serverTimestamp(),
      }),
    )
    // The ring is full: the sixth write within 5 s is refused, whatever it is.
    await assertFails(
      updateWithLog(db, ROOM, 'member', 'recent-member', {
        text: '',
        deletedAt: serverTimestamp(),
      }),
    )
    await forgetSends(env, ROOM, 'member')
    await assertSucceeds(
      updateWithLog(db, ROOM, 'member', 'recent-owner', { 'reactions.wow': arrayUnion('member') }),
    )
    // Without a slot of its own: the log still names this message, but no slot was taken now.
    const ref = db.doc(`${ROOM}/messages/recent-owner`)
    await assertFails(ref.update({ 'reactions.wow': arrayRemove('member') }))
    await assertFails(ref.update({ 'reactions.sad': arrayUnion('member') }))
  })

  for (const actor of outsiders) {
    it(`${actor}: cannot react`, async () => {
      await assertFails(
        updateWithLog(as(env, actor), ROOM, actor, 'recent-owner', {
          'reactions.like': arrayUnion(actor || 'x'),
        }),
      )
    })
  }
})

describe('edits', () => {
  it(`the sender edits their text within ${MESSAGE_EDIT_WINDOW_MS / 60_000} minutes, marked editedAt`, async () => {
    const edit = (patch: Record<string, unknown>) =>
      updateWithLog(as(env, 'member'), ROOM, 'member', 'recent-member', patch)
    await assertSucceeds(edit({ text: 'fixed', editedAt: serverTimestamp() }))
    await assertSucceeds(edit({ text: 'fixed again', editedAt: serverTimestamp() }))
    await assertFails(edit({ text: 'no mark' }))
    await assertFails(edit({ text: 'old mark', editedAt: t0 }))
    await assertFails(edit({ text: '   ', editedAt: serverTimestamp() }))
    await assertFails(edit({ text: 'x'.repeat(2001), editedAt: serverTimestamp() }))
    await assertFails(
      edit({ text: 'and time', editedAt: serverTimestamp(), createdAt: serverTimestamp() }),
    )
  })

  it('not after the window, not a deleted message', async () => {
    const db = as(env, 'member')
    await assertFails(
      updateWithLog(db, ROOM, 'member', 'stale-member', {
        text: 'late',
        editedAt: serverTimestamp(),
      }),
    )
    await assertFails(
      updateWithLog(db, ROOM, 'member', 'gone', { text: 'back', editedAt: serverTimestamp() }),
    )
  })

  for (const actor of ['owner', 'guest', 'stranger', 'signed-out'] as Actor[]) {
    it(`${actor}: cannot edit someone else's message`, async () => {
      await assertFails(
        updateWithLog(as(env, actor), ROOM, actor, 'recent-member', {
          text: 'forged',
          editedAt: serverTimestamp(),
        }),
      )
    })
  }
})

describe('item-room history bound', () => {
  const since = (db: ReturnType<typeof as>, from: Date) =>
    db
      .collection(`${ITEM_ROOM}/messages`)
      .where('createdAt', '>=', from)
      .orderBy('createdAt', 'desc')
      .limit(50)
      .get()

  it('the seller reads every message', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.doc(`${ITEM_ROOM}/messages/before`).get())
    await assertSucceeds(
      db.collection(`${ITEM_ROOM}/messages`).orderBy('createdAt', 'desc').limit(50).get(),
    )
  })

  for (const actor of ['member', 'guest'] as Actor[]) {
    it(`${actor} (a buyer who joined later): reads from their joinedAt on, never earlier`, async () => {
      const db = as(env, actor)
      await assertSucceeds(since(db, t2))
      await assertSucceeds(
        db.collection(`${ITEM_ROOM}/messages`).where('createdAt', '>', t3).limit(100).get(),
      )
      await assertSucceeds(db.doc(`${ITEM_ROOM}/messages/joined`).get())
      await assertSucceeds(db.doc(`${ITEM_ROOM}/messages/after`).get())
      await assertFails(db.doc(`${ITEM_ROOM}/messages/before`).get())
      await assertFails(since(db, t1))
      await assertFails(
        db.collection(`${ITEM_ROOM}/messages`).orderBy('createdAt', 'desc').limit(50).get(),
      )
      await assertFails(
        updateWithLog(db, ITEM_ROOM, actor, 'before', { 'reactions.like': arrayUnion(actor) }),
      )
    })
  }

  it('an open room keeps its whole history for a later member', async () => {
    const db = as(env, 'member')
    await assertSucceeds(db.doc(`${ROOM}/messages/old`).get())
    await assertSucceeds(
      db.collection(`${ROOM}/messages`).orderBy('createdAt', 'desc').limit(50).get(),
    )
  })

  for (const actor of outsiders) {
    it(`${actor}: reads nothing of the item room`, async () => {
      const db = as(env, actor)
      await assertFails(db.doc(`${ITEM_ROOM}/messages/after`).get())
      await assertFails(since(db, t2))
    })
  }
})

describe('following a room by updatedAt', () => {
  // src/lib/messageFeed.ts: readers follow what was written since; every write is stamped.
  const changedSince = (db: RulesDb, room: string, after: Date, from?: Date, max = 100) => {
    const messages = db.collection(`${room}/messages`)
    return (from ? messages.where('createdAt', '>=', from) : messages)
      .where('updatedAt', '>', after)
      .orderBy('updatedAt')
      .limit(max)
      .get()
  }
  const hello = (actor: Actor) => ({
    kind: 'text',
    text: 'hello',
    senderId: actor,
    senderName: NAMES[actor] ?? actor,
    createdAt: serverTimestamp(),
  })

  for (const actor of roomMembers) {
    it(`${actor}: follows the open room; a message or reaction not stamped with server time is refused`, async () => {
      const db = as(env, actor)
      await assertSucceeds(changedSince(db, ROOM, t0))
      await assertFails(changedSince(db, ROOM, t0, undefined, MESSAGE_QUERY_LIMIT_MAX + 1))
      await assertFails(sendWithLog(db, ROOM, actor, hello(actor), { unstamped: true }))
      await assertFails(sendWithLog(db, ROOM, actor, { ...hello(actor), updatedAt: new Date() }))
      await assertSucceeds(sendWithLog(db, ROOM, actor, hello(actor)))
      const like = { 'reactions.like': arrayUnion(actor) }
      await assertFails(updateWithLog(db, ROOM, actor, 'recent-owner', like, { unstamped: true }))
      await assertFails(
        updateWithLog(db, ROOM, actor, 'recent-owner', { ...like, updatedAt: new Date() }),
      )
      await assertSucceeds(updateWithLog(db, ROOM, actor, 'recent-owner', like))
    })
  }

  it('an edit and a deletion are stamped too', async () => {
    const db = as(env, 'member')
    const edit = { text: 'fixed', editedAt: serverTimestamp() }
    await assertFails(updateWithLog(db, ROOM, 'member', 'recent-member', edit, { unstamped: true }))
    await assertSucceeds(updateWithLog(db, ROOM, 'member', 'recent-member', edit))
    const erase = { text: '', deletedAt: serverTimestamp() }
    await assertFails(
      updateWithLog(db, ROOM, 'member', 'recent-member', erase, { unstamped: true }),
    )
    await assertSucceeds(updateWithLog(db, ROOM, 'member', 'recent-member', erase))
  })

  it('the seller follows the whole item room', async () => {
    await assertSucceeds(changedSince(as(env, 'owner'), ITEM_ROOM, t0))
  })

  for (const actor of ['member', 'guest'] as Actor[]) {
    it(`${actor} (a buyer): follows the item room from their joinedAt on only`, async () => {
      const db = as(env, actor)
      await assertSucceeds(changedSince(db, ITEM_ROOM, t0, t2))
      await assertFails(changedSince(db, ITEM_ROOM, t0))
      await assertFails(changedSince(db, ITEM_ROOM, t0, t1))
    })
  }

  for (const actor of outsiders) {
    it(`${actor}: follows nothing`, async () => {
      const db = as(env, actor)
      await assertFails(changedSince(db, ROOM, t0))
      await assertFails(changedSince(db, ITEM_ROOM, t0, t2))
    })
  }
})

describe('reports', () => {
  function report(uid: string, overrides: Record<string, unknown> = {}) {
    return {
      reporterId: uid,
      targetUid: uid === 'owner' ? 'member' : 'owner',
      roomId: 'r1',
      messageId: 'recent-owner',
      reason: 'scam',
      note: 'asked for a deposit',
      createdAt: serverTimestamp(),
      ...overrides,
    }
  }

  /** The report as the app writes it: under its own id (reportId). */
  const file = (db: RulesDb, data: Record<string, unknown>) =>
    db
      .doc(`reports/${reportId(String(data.reporterId), data as Parameters<typeof reportId>[1])}`)
      .set(data)

  for (const actor of roomMembers) {
    it(`${actor}: reports a message and a person once each, reads only their own, changes nothing`, async () => {
      const db = as(env, actor)
      const ref = db.doc(`reports/${actor}_r1_recent-owner`)
      await assertSucceeds(ref.set(report(actor)))
      await assertSucceeds(file(db, report(actor, { messageId: null })))
      await assertSucceeds(ref.get())
      // Once: the same report again is an update, refused.
      await assertFails(ref.set(report(actor, { note: 'again' })))
      await assertFails(file(db, report(actor, { messageId: null })))
      await assertFails(db.collection('reports').where('reporterId', '==', actor).limit(5).get())
      await assertFails(ref.update({ note: 'more' }))
      await assertFails(ref.delete())
      // Any other id is refused: one account cannot write reports without bound.
      await assertFails(db.collection('reports').add(report(actor, { messageId: 'older' })))
      await assertFails(
        db.doc(`reports/${actor}_r1_older_2`).set(report(actor, { messageId: 'older' })),
      )
      const other = (overrides: Record<string, unknown>) =>
        file(db, report(actor, { messageId: 'older', ...overrides }))
      await assertSucceeds(other({}))
      await assertFails(other({ reporterId: 'someone', messageId: 'older2' }))
      await assertFails(other({ targetUid: actor, messageId: 'older3' }))
      await assertFails(other({ reason: 'boring', messageId: 'older4' }))
      await assertFails(other({ note: 'x'.repeat(501), messageId: 'older5' }))
      await assertFails(other({ createdAt: t0, messageId: 'older6' }))
      await assertFails(other({ roomId: 'elsewhere', messageId: 'older7' }))
      await assertFails(db.doc(`reports/${actor}_r1_7`).set(report(actor, { messageId: 7 })))
      await assertFails(file(db, { ...report(actor, { messageId: 'older8' }), extra: true }))
    })
  }

  it("nobody reads another person's report", async () => {
    await assertSucceeds(
      as(env, 'member').doc('reports/member_r1_recent-owner').set(report('member')),
    )
    for (const actor of [...roomMembers.filter((a) => a !== 'member'), ...outsiders]) {
      await assertFails(as(env, actor).doc('reports/member_r1_recent-owner').get())
    }
  })

  for (const actor of outsiders) {
    it(`${actor}: cannot report in a room they are not in`, async () => {
      await assertFails(as(env, actor).collection('reports').add(report(actor)))
    })
  }
})

describe('blocks', () => {
  for (const actor of ['owner', 'member', 'guest', 'stranger'] as Actor[]) {
    it(`${actor}: keeps their own block list, each block counted in their own log; nobody else reads or changes either`, async () => {
      const db = as(env, actor)
      const own = db.doc(`users/${actor}/blocks/pest`)
      const pest = { username: 'Pest', createdAt: serverTimestamp() }
      await assertSucceeds(blockWithLog(db, actor, 'pest', pest))
      await assertSucceeds(own.get())
      await assertSucceeds(db.doc(`blockLogs/${actor}`).get())
      const list = db.collection(`users/${actor}/blocks`)
      await assertSucceeds(list.limit(OWN_LIST_QUERY_LIMIT_MAX).get())
      await assertFails(list.limit(OWN_LIST_QUERY_LIMIT_MAX + 1).get())
      await assertFails(list.get())
      await assertFails(own.update({ username: 'Other' }))
      await assertSucceeds(own.delete())
      // Blocking again needs a log write of its own: the log still names this block.
      await assertFails(own.set(pest))
      await assertSucceeds(blockWithLog(db, actor, 'pest', pest))
      await assertSucceeds(own.delete())
      // Nor may a log write name someone else, or be someone else's log.
      const log = (await db.doc(`blockLogs/${actor}`).get()).data() ?? {}
      const elsewhere = db.batch().set(db.doc(`blockLogs/${actor}`), {
        windowAt: log.windowAt,
        count: log.count + 1,
        blockedUid: 'stranger',
        blockedAt: serverTimestamp(),
      })
      await assertFails(elsewhere.set(own, pest).commit())
      const victim = actor === 'owner' ? 'member' : 'owner'
      await assertFails(blockWithLog(db, actor, 'pest', pest, victim))
      await assertFails(
        blockWithLog(db, actor, actor, { username: 'Me', createdAt: serverTimestamp() }),
      )
      // Only people with a profile: the list cannot grow with made-up ids.
      await assertFails(
        blockWithLog(db, actor, 'made-up', { username: 'X', createdAt: serverTimestamp() }),
      )
      await assertFails(blockWithLog(db, actor, 'pest', { username: 'Pest', createdAt: t0 }))
      await assertFails(
        blockWithLog(db, actor, 'pest', { username: '', createdAt: serverTimestamp() }),
      )
      await assertFails(blockWithLog(db, actor, 'pest', { ...pest, extra: 1 }))
      await assertFails(db.doc(`users/${victim}/blocks/stranger`).get())
      await assertFails(db.collection(`users/${victim}/blocks`).limit(10).get())
      await assertFails(blockWithLog(db, victim, 'pest', pest, actor))
      await assertFails(db.doc(`blockLogs/${victim}`).get())
      await assertFails(db.collection('blockLogs').limit(10).get())
      await assertFails(db.doc(`blockLogs/${actor}`).delete())
    })
  }

  it('signed out: nothing', async () => {
    const db = as(env, 'signed-out')
    await assertFails(db.doc('users/owner/blocks/stranger').get())
    await assertFails(blockWithLog(db, 'owner', 'pest', undefined, 'owner'))
    await assertFails(db.doc('blockLogs/owner').get())
    await assertFails(
      db.doc('blockLogs/owner').set({
        windowAt: serverTimestamp(),
        count: 1,
        blockedUid: 'pest',
        blockedAt: serverTimestamp(),
      }),
    )
  })
})

describe('muted rooms', () => {
  for (const actor of ['owner', 'guest'] as Actor[]) {
    it(`${actor}: mutes and unmutes a room they are in, in their own list only`, async () => {
      const db = as(env, actor)
      const own = db.doc(`users/${actor}/mutedRooms/r1`)
      await assertSucceeds(own.set({ createdAt: serverTimestamp() }))
      const list = db.collection(`users/${actor}/mutedRooms`)
      await assertSucceeds(list.limit(OWN_LIST_QUERY_LIMIT_MAX).get())
      await assertFails(list.limit(OWN_LIST_QUERY_LIMIT_MAX + 1).get())
      const other = db.doc(`users/${actor}/mutedRooms/item-i1`)
      await assertFails(other.set({ createdAt: t0 }))
      await assertFails(other.set({ createdAt: serverTimestamp(), x: 1 }))
      await assertSucceeds(own.delete())
      // Not a room they are in (the list cannot grow with made-up ids), not someone else's list.
      await assertFails(
        db.doc(`users/${actor}/mutedRooms/no-such-room`).set({ createdAt: serverTimestamp() }),
      )
      await assertFails(db.doc('users/member/mutedRooms/r1').set({ createdAt: serverTimestamp() }))
    })
  }

  it('stranger: cannot mute a room they are not in', async () => {
    await assertFails(
      as(env, 'stranger').doc('users/stranger/mutedRooms/r1').set({ createdAt: serverTimestamp() }),
    )
  })
})
