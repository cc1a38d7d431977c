// firestore.rules repeats numbers from functions/src/domain/limits.ts; this proves they agree by
// writing at and just past each bound.
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing'
import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import {
  ITEM_DESCRIPTION_MAX_LENGTH,
  ITEM_PRICE_MAX,
  ITEM_TITLE_MAX_LENGTH,
  MESSAGE_QUERY_LIMIT_MAX,
  MESSAGE_TEXT_MAX_LENGTH,
  USERS_QUERY_LIMIT_MAX,
} from '@domain/limits'
import { as, assertFails, assertSucceeds, rulesEnv, seed } from '../support/rules'

let env: RulesTestEnvironment
beforeAll(async () => {
  env = await rulesEnv()
})
afterAll(async () => {
  await env.cleanup()
})
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
function item(overrides: object) {
  return {
    sellerId: 'owner',
    sellerName: 'Owner',
    title: 'Bike',
    description: '',
    price: 1000,
    status: 'available',
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
    ...overrides,
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
      db.collection('items').add(item({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH) })),
    )
    await assertFails(
      db.collection('items').add(item({ title: 'x'.repeat(ITEM_TITLE_MAX_LENGTH + 1) })),
    )
    await assertSucceeds(
      db.collection('items').add(item({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH) })),
    )
    await assertFails(
      db
        .collection('items')
        .add(item({ description: 'x'.repeat(ITEM_DESCRIPTION_MAX_LENGTH + 1) })),
    )
    await assertSucceeds(db.collection('items').add(item({ price: ITEM_PRICE_MAX })))
    await assertFails(db.collection('items').add(item({ price: ITEM_PRICE_MAX + 1 })))
  })
})
