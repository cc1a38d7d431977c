import { afterAll, beforeEach, describe, it } from 'vitest'
import { actorProfiles, as, assertFails, assertSucceeds, rulesEnv, seed } from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())

const past = new Date('2024-01-01T00:00:00Z')
const future = new Date('2100-01-01T00:00:00Z')

/** A review of deal `bike` (owner sold to member). */
function review(reviewerId: string, revieweeId: string, publishAt: Date, published = false) {
  return {
    dealId: 'bike',
    reviewerId,
    reviewerName: reviewerId,
    revieweeId,
    role: reviewerId === 'owner' ? 'seller' : 'buyer',
    rating: 'great',
    tags: ['friendly'],
    text: 'Smooth deal',
    createdAt: past,
    publishAt,
    published,
  }
}

const trust = {
  great: 1,
  good: 0,
  bad: 0,
  score: 37,
  deals: 1,
  computedAt: past,
  nextPublishAt: null,
}

beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    ...actorProfiles(),
    // The buyer has written; the seller not yet: hidden until the window closes.
    'reviews/bike_member': review('member', 'owner', future),
    // An older deal of the stranger with the owner, both written: published.
    'reviews/lamp_owner': { ...review('owner', 'stranger', past, true), dealId: 'lamp' },
    // A deal whose window has closed (publishAt passed), not yet marked published.
    'reviews/desk_stranger': { ...review('stranger', 'member', past), dealId: 'desk' },
    'trust/owner': trust,
  })
})

const publishedOf = (db: ReturnType<typeof as>, uid: string, max = 20) =>
  db
    .collection('reviews')
    .where('revieweeId', '==', uid)
    .where('published', '==', true)
    .orderBy('publishAt', 'desc')
    .limit(max)
    .get()

describe('reviews: a hidden review (before publishAt)', () => {
  it('its writer gets it and lists their own reviews', async () => {
    const db = as(env, 'member')
    await assertSucceeds(db.doc('reviews/bike_member').get())
    await assertSucceeds(
      db.collection('reviews').where('reviewerId', '==', 'member').limit(20).get(),
    )
  })

  it('the reviewed party cannot get it or list it', async () => {
    const db = as(env, 'owner')
    await assertFails(db.doc('reviews/bike_member').get())
    await assertFails(db.collection('reviews').where('revieweeId', '==', 'owner').limit(20).get())
    await assertFails(
      db
        .collection('reviews')
        .where('revieweeId', '==', 'owner')
        .where('published', '==', false)
        .limit(20)
        .get(),
    )
    await assertFails(db.collection('reviews').where('reviewerId', '==', 'member').limit(20).get())
  })

  it('a stranger, a guest and the signed-out cannot read it', async () => {
    for (const actor of ['stranger', 'guest', 'signed-out'] as const) {
      const db = as(env, actor)
      await assertFails(db.doc('reviews/bike_member').get())
      await assertFails(db.collection('reviews').limit(20).get())
    }
  })
})

describe('reviews: published reviews', () => {
  it('any signed-in user gets one and lists a profile’s published reviews', async () => {
    for (const actor of ['owner', 'member', 'stranger', 'guest'] as const) {
      const db = as(env, actor)
      await assertSucceeds(db.doc('reviews/lamp_owner').get())
      await assertSucceeds(publishedOf(db, 'stranger'))
      // The hidden review is about the owner; asking for published ones only proves none is in
      // the answer.
      await assertSucceeds(publishedOf(db, 'owner'))
    }
  })

  it('once its window has closed a review can be read before it is marked published', async () => {
    for (const actor of ['owner', 'member', 'guest'] as const) {
      await assertSucceeds(as(env, actor).doc('reviews/desk_stranger').get())
    }
    await assertFails(as(env, 'signed-out').doc('reviews/desk_stranger').get())
  })

  it('a list needs a limit of at most 50', async () => {
    const db = as(env, 'stranger')
    await assertSucceeds(publishedOf(db, 'stranger', 50))
    await assertFails(publishedOf(db, 'stranger', 51))
    await assertFails(
      db
        .collection('reviews')
        .where('revieweeId', '==', 'stranger')
        .where('published', '==', true)
        .get(),
    )
  })

  it('the signed-out read nothing', async () => {
    const db = as(env, 'signed-out')
    await assertFails(db.doc('reviews/lamp_owner').get())
    await assertFails(publishedOf(db, 'stranger'))
  })
})

describe('reviews: nobody writes', () => {
  it('not the writer, the reviewed party or anyone else', async () => {
    for (const actor of ['owner', 'member', 'stranger', 'guest', 'signed-out'] as const) {
      const db = as(env, actor)
      await assertFails(db.doc('reviews/bike_owner').set(review('owner', 'member', past)))
      await assertFails(db.doc('reviews/bike_member').update({ rating: 'bad' }))
      await assertFails(db.doc('reviews/bike_member').update({ publishAt: past }))
      await assertFails(db.doc('reviews/bike_member').update({ published: true }))
      await assertFails(db.doc('reviews/lamp_owner').delete())
    }
  })
})

describe('trust/{uid}: summaries', () => {
  it('signed-in users get one; nobody lists', async () => {
    for (const actor of ['owner', 'member', 'stranger', 'guest'] as const) {
      const db = as(env, actor)
      await assertSucceeds(db.doc('trust/owner').get())
      await assertFails(db.collection('trust').limit(10).get())
    }
    await assertFails(as(env, 'signed-out').doc('trust/owner').get())
  })

  it('nobody writes a summary, their own included', async () => {
    for (const actor of ['owner', 'member', 'stranger', 'guest', 'signed-out'] as const) {
      const db = as(env, actor)
      await assertFails(db.doc('trust/owner').update({ great: 100, score: 99 }))
      await assertFails(db.doc(`trust/${actor}`).set({ ...trust, great: 100 }))
      await assertFails(db.doc('trust/owner').delete())
    }
  })
})
