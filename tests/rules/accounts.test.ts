import { afterAll, beforeEach, describe, it } from 'vitest'
import { as, assertFails, assertSucceeds, rulesEnv, seed } from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())
beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    'usernames/owner': { uid: 'owner', username: 'Owner' },
    'users/owner': {
      username: 'Owner',
      usernameKey: 'owner',
      color: '#123456',
      isGuest: false,
      createdAt: new Date(),
    },
  })
})

describe('usernames/{key}', () => {
  it('signed out: can get one (availability check), cannot list', async () => {
    await assertSucceeds(as(env, 'signed-out').doc('usernames/owner').get())
    await assertSucceeds(as(env, 'signed-out').doc('usernames/free').get())
    await assertFails(as(env, 'signed-out').collection('usernames').get())
    await assertFails(as(env, 'signed-out').collection('usernames').limit(1).get())
  })

  it('owner: can get, cannot list, create, update or delete', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.doc('usernames/owner').get())
    await assertFails(db.collection('usernames').limit(5).get())
    await assertFails(db.doc('usernames/newname').set({ uid: 'owner', username: 'newname' }))
    await assertFails(db.doc('usernames/owner').update({ username: 'OWNER' }))
    await assertFails(db.doc('usernames/owner').delete())
  })

  it('someone else: can get, cannot list, take or delete a name', async () => {
    const db = as(env, 'stranger')
    await assertSucceeds(db.doc('usernames/owner').get())
    await assertFails(db.collection('usernames').get())
    await assertFails(db.doc('usernames/owner').set({ uid: 'stranger', username: 'owner' }))
    await assertFails(db.doc('usernames/stranger').set({ uid: 'stranger', username: 'stranger' }))
    await assertFails(db.doc('usernames/owner').delete())
  })
})

describe('users/{uid}', () => {
  it('signed out: cannot get or list profiles', async () => {
    await assertFails(as(env, 'signed-out').doc('users/owner').get())
    await assertFails(as(env, 'signed-out').collection('users').limit(5).get())
  })

  it('owner: can get their profile, cannot create, update or delete it', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.doc('users/owner').get())
    await assertFails(db.doc('users/owner').update({ username: 'Other' }))
    await assertFails(db.doc('users/owner').update({ isGuest: true }))
    await assertFails(db.doc('users/owner').delete())
    await assertFails(as(env, 'stranger').doc('users/stranger').set({ username: 'x' }))
  })

  it('someone else: can get a profile, never list profiles, never write', async () => {
    const db = as(env, 'stranger')
    await assertSucceeds(db.doc('users/owner').get())
    await assertFails(db.collection('users').limit(1).get())
    await assertFails(db.collection('users').limit(21).get())
    await assertFails(db.collection('users').get())
    await assertFails(db.doc('users/owner').set({ username: 'Mine' }))
    await assertFails(db.doc('users/owner').delete())
  })
})
