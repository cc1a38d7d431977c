// The trust summary of a user, `trust/{uid}`: counts of published reviews about them, the one
// score of functions/src/domain/reviews.ts and their number of deals. Recomputed from the data,
// never incremented, so running it again (or twice at once) gives the same document.
import { Timestamp } from 'firebase-admin/firestore'
import { db } from '../admin'
import { REVIEW_RATINGS, type ReviewRating, type TrustDoc, trustScore } from '../domain/reviews'
import { trustRef } from './paths'

const reviewsAbout = (uid: string) => db.collection('reviews').where('revieweeId', '==', uid)

/**
 * Recomputes `trust/{uid}` (counts of published reviews, score, deals, next hidden review).
 * Idempotent; of concurrent runs the one with the latest `now` is kept, and it saw every review
 * committed before it started.
 */
export async function recomputeTrust(uid: string, now: number = Date.now()): Promise<TrustDoc> {
  const about = reviewsAbout(uid)
  const [ratings, next, sales, purchases] = await Promise.all([
    Promise.all(
      REVIEW_RATINGS.map(async (rating) => {
        const snap = await about
          .where('published', '==', true)
          .where('rating', '==', rating)
          .count()
          .get()
        return [rating, snap.data().count] as const
      }),
    ),
    about.where('published', '==', false).orderBy('publishAt', 'asc').limit(1).get(),
    db.collection('deals').where('sellerId', '==', uid).count().get(),
    db.collection('deals').where('buyerId', '==', uid).count().get(),
  ])
  const counts = Object.fromEntries(ratings) as Record<ReviewRating, number>
  const trust: TrustDoc<Timestamp> = {
    ...counts,
    score: trustScore(counts),
    deals: sales.data().count + purchases.data().count,
    computedAt: Timestamp.fromMillis(now),
    nextPublishAt: (next.docs[0]?.get('publishAt') as Timestamp | undefined) ?? null,
  }
  await db.runTransaction(async (tx) => {
    const stored = (await tx.get(trustRef(uid))).data() as TrustDoc<Timestamp> | undefined
    if (stored && stored.computedAt.toMillis() > now) return
    tx.set(trustRef(uid), trust)
  })
  return trust
}

/**
 * Publishes the hidden reviews about `uid` whose window has closed by `now` and recomputes the
 * summary; changes nothing when none is due. Profile pages call it when `nextPublishAt` has
 * passed, so publication needs no scheduler.
 */
export async function refreshTrust(uid: string, now: number = Date.now()): Promise<boolean> {
  const stored = (await trustRef(uid).get()).data() as TrustDoc<Timestamp> | undefined
  if (!stored?.nextPublishAt || stored.nextPublishAt.toMillis() > now) return false
  const due = await reviewsAbout(uid)
    .where('published', '==', false)
    .where('publishAt', '<=', Timestamp.fromMillis(now))
    .get()
  const batch = db.batch()
  for (const review of due.docs) batch.update(review.ref, { published: true })
  await batch.commit()
  await recomputeTrust(uid, now)
  return true
}
