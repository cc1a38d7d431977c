// firestore.rules repeats numbers from functions/src/domain/limits.ts; this proves they agree by
// writing at and just past each bound.
import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { REACTION_KEYS, REPORT_REASONS, replySnippet } from '@domain/chat'
import { directItemStatuses } from '@domain/items'
import { ITEM_STATUSES } from '@domain/types'
import {
  ITEM_PHOTOS_MAX,
  PHOTO_BYTES_MAX,
  PHOTO_DIMENSION_MAX,
  PHOTO_THUMB_BYTES_MAX,
  ITEM_DESCRIPTION_MAX_LENGTH,
  ITEM_PRICE_MAX,
  ITEM_TITLE_MAX_LENGTH,
  MESSAGE_EDIT_WINDOW_MS,
  MESSAGE_QUERY_LIMIT_MAX,
  MESSAGE_TEXT_MAX_LENGTH,
  REPLY_SNIPPET_MAX_LENGTH,
  REPORT_NOTE_MAX_LENGTH,
  MESSAGE_WINDOW_MS,
  MESSAGES_PER_WINDOW,
  DEALS_QUERY_LIMIT_MAX,
  FAVORITES_QUERY_LIMIT_MAX,
  ITEMS_QUERY_LIMIT_MAX,
  ITEM_STATUS_CHANGES_PER_WINDOW,
  ITEM_STATUS_WINDOW_MS,
  MEMBERS_QUERY_LIMIT_MAX,
  OWN_LIST_QUERY_LIMIT_MAX,
  PRESENCE_MIN_INTERVAL_MS,
  READ_MARK_MIN_INTERVAL_MS,
  PUBLIC_ROOMS_QUERY_LIMIT_MAX,
  REVIEW_QUERY_LIMIT_MAX,
  ROOMS_QUERY_LIMIT_MAX,
} from '@domain/limits'
import { LISTINGS_PER_WINDOW, LISTING_WINDOW_MS } from '@domain/listings'
import { BLOCKS_PER_WINDOW, BLOCK_WINDOW_MS } from '@domain/blocks'
import { NOTICES_QUERY_LIMIT_MAX } from '@domain/notices'
import {
  as,
  assertFails,
  assertSucceeds,
  blockWithLog,
  bytes,
  editFields,
  forgetSends,
  itemDoc,
  listWithLog,
  moveStatus,
  photoDoc,
  photoMessageDoc,
  rulesEnv,
  seed,
  sendWithLog,
  updateWithLog,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())
beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    'users/owner': { username: 'Owner', usernameKey: 'owner', color: '#000000', isGuest: false },
    'rooms/r1': {
      kind: 'open',
      title: 'r',
      ownerId: 'owner',
      memberIds: ['owner'],
      memberCount: 1,
    },
    'rooms/r1/members/owner': { username: 'Owner', color: '#000000', role: 'owner' },
  })
})

function message(text: string) {
  return {
    kind: 'text',
    text,
    senderId: 'owner',
    senderName: 'Owner',
    createdAt: serverTimestamp(),
  }
}

describe('rules use the limits of functions/src/domain/limits.ts', () => {
  it('message text: MESSAGE_TEXT_MAX_LENGTH allowed, one more refused', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(
      sendWithLog(db, 'rooms/r1', 'owner', message('x'.repeat(MESSAGE_TEXT_MAX_LENGTH))),
    )
    await assertFails(
      sendWithLog(db, 'rooms/r1', 'owner', message('x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1))),
    )
  })

  it('message queries: MESSAGE_QUERY_LIMIT_MAX allowed, one more refused', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.collection('rooms/r1/messages').limit(MESSAGE_QUERY_LIMIT_MAX).get())
    await assertFails(
      db
        .collection('rooms/r1/messages')
        .limit(MESSAGE_QUERY_LIMIT_MAX + 1)
        .get(),
    )
  })

  it('users: no client lists profiles, with any limit', async () => {
    const db = as(env, 'owner')
    await assertFails(db.collection('users').limit(1).get())
  })

  it('list queries: the limits of rooms, publicRooms, items, members, blocks, muted rooms, deals, reviews, favourites and notices', async () => {
    const db = as(env, 'owner')
    const cases = [
      [db.collection('rooms').where('memberIds', 'array-contains', 'owner'), ROOMS_QUERY_LIMIT_MAX],
      [db.collection('publicRooms').orderBy('rank', 'desc'), PUBLIC_ROOMS_QUERY_LIMIT_MAX],
      [db.collection('items').orderBy('createdAt', 'desc'), ITEMS_QUERY_LIMIT_MAX],
      [db.collection('rooms/r1/members'), MEMBERS_QUERY_LIMIT_MAX],
      [db.collection('users/owner/blocks'), OWN_LIST_QUERY_LIMIT_MAX],
      [db.collection('users/owner/mutedRooms'), OWN_LIST_QUERY_LIMIT_MAX],
      [db.collection('deals').where('sellerId', '==', 'owner'), DEALS_QUERY_LIMIT_MAX],
      [db.collection('reviews').where('reviewerId', '==', 'owner'), REVIEW_QUERY_LIMIT_MAX],
      [db.collection('users/owner/favorites'), FAVORITES_QUERY_LIMIT_MAX],
      [db.collection('users/owner/notices').orderBy('at', 'desc'), NOTICES_QUERY_LIMIT_MAX],
    ] as const
    for (const [query, max] of cases) {
      await assertSucceeds(query.limit(max).get())
      await assertFails(query.limit(max + 1).get())
    }
  })

  it(`messages: ${MESSAGES_PER_WINDOW} in a row, the next only when the first is ${MESSAGE_WINDOW_MS} ms old`, async () => {
    const db = as(env, 'owner')
    for (let i = 0; i < MESSAGES_PER_WINDOW; i++) {
      await assertSucceeds(sendWithLog(db, 'rooms/r1', 'owner', message(`m${i}`)))
    }
    // The server's clock decides; seeding the ring relative to now keeps this free of waits.
    const ring = (ageMs: number) =>
      Object.fromEntries(
        Array.from({ length: MESSAGES_PER_WINDOW }, (_, i) => [
          `at${i}`,
          new Date(Date.now() - ageMs),
        ]),
      )
    await seed(env, {
      'rooms/r1/sendLog/owner': { slot: 0, messageId: 'm4', ...ring(MESSAGE_WINDOW_MS / 2) },
    })
    await assertFails(sendWithLog(db, 'rooms/r1', 'owner', message('too soon')))
    await seed(env, {
      'rooms/r1/sendLog/owner': { slot: 0, messageId: 'm4', ...ring(MESSAGE_WINDOW_MS + 100) },
    })
    await assertSucceeds(sendWithLog(db, 'rooms/r1', 'owner', message('in time')))
  })

  it('messages: one batch carries one message — two or 500 with one slot write are refused', async () => {
    const db = as(env, 'owner')
    for (const count of [2, 500]) {
      const batch = db.batch()
      const ids = Array.from({ length: count }, () => db.collection('rooms/r1/messages').doc())
      for (const ref of ids) batch.set(ref, message('flood'))
      batch.set(db.doc('rooms/r1/sendLog/owner'), {
        slot: 1,
        messageId: ids[0]?.id,
        at0: serverTimestamp(),
      })
      await assertFails(batch.commit())
    }
    let stored = -1
    await env.withSecurityRulesDisabled(async (ctx) => {
      stored = (await ctx.firestore().collection('rooms/r1/messages').get()).size
    })
    expect(stored).toBe(0)
  })

  it(`typing: the rules refuse a second typingAt within ${PRESENCE_MIN_INTERVAL_MS} ms`, async () => {
    const me = as(env, 'owner').doc('rooms/r1/members/owner')
    await seed(env, {
      'rooms/r1/members/owner': {
        username: 'Owner',
        color: '#000000',
        role: 'owner',
        typingAt: new Date(Date.now() - PRESENCE_MIN_INTERVAL_MS / 2),
      },
    })
    await assertFails(me.update({ typingAt: serverTimestamp() }))
    await seed(env, {
      'rooms/r1/members/owner': {
        username: 'Owner',
        color: '#000000',
        role: 'owner',
        typingAt: new Date(Date.now() - PRESENCE_MIN_INTERVAL_MS - 100),
      },
    })
    await assertSucceeds(me.update({ typingAt: serverTimestamp() }))
  })

  it(`read marks: the rules refuse a second lastReadAt within ${READ_MARK_MIN_INTERVAL_MS} ms`, async () => {
    const me = as(env, 'owner').doc('rooms/r1/members/owner')
    const readAgo = (ms: number) =>
      seed(env, {
        'rooms/r1/members/owner': {
          username: 'Owner',
          color: '#000000',
          role: 'owner',
          lastReadAt: new Date(Date.now() - ms),
        },
      })
    await readAgo(READ_MARK_MIN_INTERVAL_MS / 2)
    await assertFails(me.update({ lastReadAt: serverTimestamp() }))
    await readAgo(READ_MARK_MIN_INTERVAL_MS + 100)
    await assertSucceeds(me.update({ lastReadAt: serverTimestamp() }))
  })

  it(`item status: ${ITEM_STATUS_CHANGES_PER_WINDOW} changes per ${ITEM_STATUS_WINDOW_MS} ms window`, async () => {
    const db = as(env, 'owner')
    const windowAt = (ageMs: number) => ({
      ...itemDoc({ status: 'available' }),
      createdAt: new Date(),
      updatedAt: new Date(),
      statusWindowAt: new Date(Date.now() - ageMs),
      statusChanges: ITEM_STATUS_CHANGES_PER_WINDOW,
    })
    await seed(env, { 'items/i1': windowAt(ITEM_STATUS_WINDOW_MS / 2) })
    await assertFails(moveStatus(db, 'items/i1', 'reserved'))
    await seed(env, { 'items/i1': windowAt(ITEM_STATUS_WINDOW_MS + 1000) })
    await assertSucceeds(moveStatus(db, 'items/i1', 'reserved'))
    await seed(env, {
      'items/i1': {
        ...windowAt(ITEM_STATUS_WINDOW_MS / 2),
        statusChanges: ITEM_STATUS_CHANGES_PER_WINDOW - 1,
      },
    })
    await assertSucceeds(moveStatus(db, 'items/i1', 'reserved'))
  })

  it('items: title, description and price bounds', async () => {
    const db = as(env, 'owner')
    const list = (item: Record<string, unknown>) =>
      listWithLog(db, 'owner', db.collection('items').doc().path, item)
    await assertSucceeds(list(itemDoc({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH) })))
    await assertFails(list(itemDoc({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH + 1) })))
    await assertSucceeds(list(itemDoc({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH) })))
    await assertFails(list(itemDoc({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH + 1) })))
    await assertSucceeds(list(itemDoc({ price: ITEM_PRICE_MAX })))
    await assertFails(list(itemDoc({ price: ITEM_PRICE_MAX + 1 })))
  })

  it(`items: ${LISTINGS_PER_WINDOW} new listings per ${LISTING_WINDOW_MS} ms window per seller, each with its own log write`, async () => {
    const db = as(env, 'owner')
    const path = () => db.collection('items').doc().path
    const log = (ageMs: number, count: number, itemId = 'earlier') => ({
      'listingLogs/owner': { windowAt: new Date(Date.now() - ageMs), count, itemId },
    })
    await seed(env, log(LISTING_WINDOW_MS / 2, LISTINGS_PER_WINDOW - 1))
    await assertSucceeds(listWithLog(db, 'owner', path(), itemDoc()))
    await assertFails(listWithLog(db, 'owner', path(), itemDoc()))
    await seed(env, log(LISTING_WINDOW_MS + 1000, LISTINGS_PER_WINDOW))
    await assertSucceeds(listWithLog(db, 'owner', path(), itemDoc()))
    expect((await db.doc('listingLogs/owner').get()).data()?.count).toBe(1)
    // Without a log write of its own: the log names an earlier item, or nobody else's log.
    await assertFails(db.collection('items').add(itemDoc()))
    const named = db.collection('items').doc()
    await seed(env, log(1000, 1, named.id))
    await assertSucceeds(named.set(itemDoc()))
    await assertFails(
      db.doc('listingLogs/owner').set({ windowAt: serverTimestamp(), count: 1, itemId: named.id }),
    )
    await assertFails(as(env, 'member').doc('listingLogs/owner').get())
  })

  it(`blocks: ${BLOCKS_PER_WINDOW} new blocks per ${BLOCK_WINDOW_MS} ms window per user, each with its own log write`, async () => {
    const db = as(env, 'owner')
    const log = (ageMs: number, count: number) => ({
      'blockLogs/owner': {
        windowAt: new Date(Date.now() - ageMs),
        count,
        blockedUid: 'earlier',
        blockedAt: new Date(Date.now() - ageMs),
      },
    })
    await seed(env, {
      'users/pest1': { username: 'Pest1', usernameKey: 'pest1', color: '#000000', isGuest: false },
      'users/pest2': { username: 'Pest2', usernameKey: 'pest2', color: '#000000', isGuest: false },
      ...log(BLOCK_WINDOW_MS / 2, BLOCKS_PER_WINDOW - 1),
    })
    await assertSucceeds(blockWithLog(db, 'owner', 'pest1'))
    await assertFails(blockWithLog(db, 'owner', 'pest2'))
    // Unblocking is not counted, and does not give the place back.
    await assertSucceeds(db.doc('users/owner/blocks/pest1').delete())
    await assertFails(blockWithLog(db, 'owner', 'pest1'))
    await seed(env, log(BLOCK_WINDOW_MS + 1000, BLOCKS_PER_WINDOW))
    await assertSucceeds(blockWithLog(db, 'owner', 'pest2'))
    expect((await db.doc('blockLogs/owner').get()).data()?.count).toBe(1)
  })

  it('item status moves: the rules allow exactly the moves of directItemStatuses', async () => {
    const db = as(env, 'owner')
    for (const from of ITEM_STATUSES) {
      for (const to of ITEM_STATUSES.filter((s) => s !== from)) {
        await seed(env, {
          'items/i1': {
            ...itemDoc({ status: from }),
            createdAt: new Date(),
            updatedAt: new Date(),
          },
        })
        const move = moveStatus(db, 'items/i1', to)
        if (directItemStatuses(from).includes(to)) await assertSucceeds(move)
        else await assertFails(move)
      }
    }
  })

  it('chat: reply snippet, report note, reasons, reactions and edit window agree with the domain', async () => {
    const db = as(env, 'owner')
    // Sent as the app sends, with the sender's send-log slot (the message rate limit).
    const messages = {
      add: (data: Record<string, unknown>) => sendWithLog(db, 'rooms/r1', 'owner', data),
    }
    const quote = (text: string) => ({
      ...message('re'),
      replyTo: { id: 'x', senderName: 'A', text },
    })
    await assertSucceeds(messages.add(quote('x'.repeat(REPLY_SNIPPET_MAX_LENGTH))))
    await assertFails(messages.add(quote('x'.repeat(REPLY_SNIPPET_MAX_LENGTH + 1))))
    await assertSucceeds(messages.add(quote(replySnippet('가'.repeat(1000)))))
    await assertSucceeds(messages.add(quote(replySnippet('😀'.repeat(1000)))))
    await seed(env, { 'rooms/r1/members/other': { username: 'Other', role: 'member' } })
    // One report per message: each reason reports a message of its own (reportId).
    const report = (reason: string, note: string, messageId = reason) =>
      db.doc(`reports/owner_r1_${messageId}`).set({
        reporterId: 'owner',
        targetUid: 'other',
        roomId: 'r1',
        messageId,
        reason,
        note,
        createdAt: serverTimestamp(),
      })
    for (const reason of REPORT_REASONS) {
      await assertSucceeds(report(reason, 'x'.repeat(REPORT_NOTE_MAX_LENGTH)))
    }
    await assertFails(report('spam', 'x'.repeat(REPORT_NOTE_MAX_LENGTH + 1), 'long'))
    const within = new Date(Date.now() - MESSAGE_EDIT_WINDOW_MS + 60_000)
    const past = new Date(Date.now() - MESSAGE_EDIT_WINDOW_MS - 60_000)
    await seed(env, {
      'rooms/r1/messages/fresh': { ...message('fresh'), createdAt: within },
      'rooms/r1/messages/stale': { ...message('stale'), createdAt: past },
    })
    for (const key of REACTION_KEYS) {
      await assertSucceeds(
        updateWithLog(db, 'rooms/r1', 'owner', 'fresh', { [`reactions.${key}`]: ['owner'] }),
      )
      await forgetSends(env, 'rooms/r1', 'owner')
    }
    const edit = { text: 'edited', editedAt: serverTimestamp() }
    await assertSucceeds(updateWithLog(db, 'rooms/r1', 'owner', 'fresh', edit))
    await assertFails(updateWithLog(db, 'rooms/r1', 'owner', 'stale', edit))
  })

  it('photos: bytes, thumbnail, dimensions and count bounds', async () => {
    const db = as(env, 'owner')
    const ref = (id: string, side = 100) => ({ id, width: side, height: side })
    const list = (id: string, photos: object[], cover: unknown, photo: Record<string, unknown>) =>
      listWithLog(db, 'owner', `items/${id}`, itemDoc({ photos, cover }), {
        [`items/${id}/photos/p0`]: photoDoc(photo),
      })
    const side = PHOTO_DIMENSION_MAX
    await assertSucceeds(
      list('a', [ref('p0')], bytes(PHOTO_THUMB_BYTES_MAX), { width: 100, height: 100 }),
    )
    await assertFails(
      list('b', [ref('p0')], bytes(PHOTO_THUMB_BYTES_MAX + 1), { width: 100, height: 100 }),
    )
    await assertSucceeds(
      list('c', [ref('p0')], bytes(1), { data: bytes(PHOTO_BYTES_MAX), width: 100, height: 100 }),
    )
    await assertFails(
      list('d', [ref('p0')], bytes(1), {
        data: bytes(PHOTO_BYTES_MAX + 1),
        width: 100,
        height: 100,
      }),
    )
    await assertSucceeds(list('e', [ref('p0', side)], bytes(1), { width: side, height: side }))
    await assertFails(
      list('f', [ref('p0', side + 1)], bytes(1), { width: side + 1, height: side + 1 }),
    )
    const many = (n: number) => Array.from({ length: n }, (_, i) => ref(`q${i}`))
    await seed(env, {
      'items/g': itemDoc({
        photos: many(ITEM_PHOTOS_MAX - 1),
        cover: bytes(1),
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    })
    const add = async () => {
      const batch = db.batch()
      batch.set(db.doc('items/g/photos/new'), photoDoc({ width: 100, height: 100 }))
      batch.update(db.doc('items/g'), {
        photos: [...many(ITEM_PHOTOS_MAX - 1), ref('new')],
        updatedAt: serverTimestamp(),
        ...(await editFields(db, 'items/g')),
      })
      return batch.commit()
    }
    await assertSucceeds(add())
    await assertFails(
      db
        .doc('items/g')
        .update({ photos: [...many(ITEM_PHOTOS_MAX), ref('new')], updatedAt: serverTimestamp() }),
    )
    const send = (id: string, thumb: number) => {
      return sendWithLog(
        db,
        'rooms/r1',
        'owner',
        photoMessageDoc(id, 'owner', 'Owner', {
          photo: { id, width: 100, height: 100, thumb: bytes(thumb) },
        }),
        { messageId: id, also: { [`rooms/r1/photos/${id}`]: photoDoc() } },
      )
    }
    await assertSucceeds(send('m1', PHOTO_THUMB_BYTES_MAX))
    await assertFails(send('m2', PHOTO_THUMB_BYTES_MAX + 1))
  })
})
