import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, it } from 'vitest'
import {
  as,
  assertFails,
  assertSucceeds,
  noticeDoc,
  profileDoc,
  rulesEnv,
  seed,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())

const NOTICE = 'users/owner/notices/item1'

beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    'users/owner': profileDoc('Owner'),
    'users/stranger': profileDoc('Stranger'),
    [NOTICE]: noticeDoc(),
    'users/owner/notices/item2': noticeDoc({ itemId: 'item2', read: true }),
  })
})

describe('users/{uid}/notices/{itemId}: signed out', () => {
  it('cannot get, list, create, update or delete', async () => {
    const db = as(env, 'signed-out')
    await assertFails(db.doc(NOTICE).get())
    await assertFails(db.collection('users/owner/notices').limit(20).get())
    await assertFails(db.doc('users/owner/notices/item3').set(noticeDoc()))
    await assertFails(db.doc(NOTICE).update({ read: true }))
    await assertFails(db.doc(NOTICE).delete())
  })
})

describe('users/{uid}/notices/{itemId}: the owner', () => {
  it('gets and lists them with a limit of at most 50, newest first', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.doc(NOTICE).get())
    await assertSucceeds(db.collection('users/owner/notices').orderBy('at', 'desc').limit(20).get())
    await assertFails(db.collection('users/owner/notices').limit(51).get())
    await assertFails(db.collection('users/owner/notices').get())
  })

  it('marks an unread one read, and changes nothing else', async () => {
    const db = as(env, 'owner')
    await assertFails(db.doc(NOTICE).update({ read: true, price: 1 }))
    await assertFails(db.doc(NOTICE).update({ eventId: 'e2' }))
    await assertFails(db.doc(NOTICE).update({ read: 'yes' }))
    await assertSucceeds(db.doc(NOTICE).update({ read: true }))
    // Read stays read: no rewriting it back to unread (which would renew nothing but writes).
    await assertFails(db.doc(NOTICE).update({ read: false }))
    await assertFails(db.doc('users/owner/notices/item2').update({ read: true }))
  })

  it('cannot create one, but deletes their own', async () => {
    const db = as(env, 'owner')
    await assertFails(db.doc('users/owner/notices/item3').set(noticeDoc({ itemId: 'item3' })))
    await assertFails(
      db
        .doc('users/owner/notices/item4')
        .set(noticeDoc({ itemId: 'item4', at: serverTimestamp() })),
    )
    await assertSucceeds(db.doc(NOTICE).delete())
  })
})

describe('users/{uid}/notices/{itemId}: someone else', () => {
  it('cannot get, list, create, update or delete another person’s notices', async () => {
    for (const actor of ['stranger', 'guest'] as const) {
      const db = as(env, actor)
      await assertFails(db.doc(NOTICE).get())
      await assertFails(db.collection('users/owner/notices').limit(20).get())
      await assertFails(db.doc('users/owner/notices/item3').set(noticeDoc()))
      await assertFails(db.doc(NOTICE).update({ read: true }))
      await assertFails(db.doc(NOTICE).delete())
    }
  })
})
