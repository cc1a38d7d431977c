// firestore.rules repeats numbers from functions/src/domain/limits.ts; this proves they agree by
// writing at and just past each bound.
import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, it } from 'vitest'
import { REACTION_KEYS, REPORT_REASONS, replySnippet } from '@domain/chat'
import { nextItemStatuses } from '@domain/items'
import { ITEM_STATUSES } from '@domain/types'
import {
  ITEM_DESCRIPTION_MAX_LENGTH,
  ITEM_PRICE_MAX,
  ITEM_TITLE_MAX_LENGTH,
  MESSAGE_EDIT_WINDOW_MS,
  MESSAGE_QUERY_LIMIT_MAX,
  MESSAGE_TEXT_MAX_LENGTH,
  REPLY_SNIPPET_MAX_LENGTH,
  REPORT_NOTE_MAX_LENGTH,
  USERS_QUERY_LIMIT_MAX,
} from '@domain/limits'
import { as, assertFails, assertSucceeds, rulesEnv, seed, itemDoc } from '../support/rules'

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
      db.collection('rooms/r1/messages').add(message('x'.repeat(MESSAGE_TEXT_MAX_LENGTH))),
    )
    await assertFails(
      db.collection('rooms/r1/messages').add(message('x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1))),
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

  it('users list: USERS_QUERY_LIMIT_MAX allowed, one more refused', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.collection('users').limit(USERS_QUERY_LIMIT_MAX).get())
    await assertFails(
      db
        .collection('users')
        .limit(USERS_QUERY_LIMIT_MAX + 1)
        .get(),
    )
  })

  it('items: title, description and price bounds', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(
      db.collection('items').add(itemDoc({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH) })),
    )
    await assertFails(
      db.collection('items').add(itemDoc({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH + 1) })),
    )
    await assertSucceeds(
      db.collection('items').add(itemDoc({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH) })),
    )
    await assertFails(
      db
        .collection('items')
        .add(itemDoc({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH + 1) })),
    )
    await assertSucceeds(db.collection('items').add(itemDoc({ price: ITEM_PRICE_MAX })))
    await assertFails(db.collection('items').add(itemDoc({ price: ITEM_PRICE_MAX + 1 })))
  })

  it('item status moves: the rules allow exactly the moves of nextItemStatuses', async () => {
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
        const move = db.doc('items/i1').update({ status: to, updatedAt: serverTimestamp() })
        if (nextItemStatuses(from).includes(to)) await assertSucceeds(move)
        else await assertFails(move)
      }
    }
  })

  it('chat: reply snippet, report note, reasons, reactions and edit window agree with the domain', async () => {
    const db = as(env, 'owner')
    const messages = db.collection('rooms/r1/messages')
    const quote = (text: string) => ({
      ...message('re'),
      replyTo: { id: 'x', senderName: 'A', text },
    })
    await assertSucceeds(messages.add(quote('x'.repeat(REPLY_SNIPPET_MAX_LENGTH))))
    await assertFails(messages.add(quote('x'.repeat(REPLY_SNIPPET_MAX_LENGTH + 1))))
    await assertSucceeds(messages.add(quote(replySnippet('가'.repeat(1000)))))
    await assertSucceeds(messages.add(quote(replySnippet('😀'.repeat(1000)))))
    await seed(env, { 'rooms/r1/members/other': { username: 'Other', role: 'member' } })
    const report = (reason: string, note: string) => ({
      reporterId: 'owner',
      targetUid: 'other',
      roomId: 'r1',
      messageId: null,
      reason,
      note,
      createdAt: serverTimestamp(),
    })
    for (const reason of REPORT_REASONS) {
      await assertSucceeds(
        db.collection('reports').add(report(reason, 'x'.repeat(REPORT_NOTE_MAX_LENGTH))),
      )
    }
    await assertFails(
      db.collection('reports').add(report('spam', 'x'.repeat(REPORT_NOTE_MAX_LENGTH + 1))),
    )
    const within = new Date(Date.now() - MESSAGE_EDIT_WINDOW_MS + 60_000)
    const past = new Date(Date.now() - MESSAGE_EDIT_WINDOW_MS - 60_000)
    await seed(env, {
      'rooms/r1/messages/fresh': { ...message('fresh'), createdAt: within },
      'rooms/r1/messages/stale': { ...message('stale'), createdAt: past },
    })
    for (const key of REACTION_KEYS) {
      await assertSucceeds(
        db.doc('rooms/r1/messages/fresh').update({ [`reactions.${key}`]: ['owner'] }),
      )
    }
    const edit = { text: 'edited', editedAt: serverTimestamp() }
    await assertSucceeds(db.doc('rooms/r1/messages/fresh').update(edit))
    await assertFails(db.doc('rooms/r1/messages/stale').update(edit))
  })
})
