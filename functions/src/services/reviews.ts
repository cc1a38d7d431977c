// Reviews of a deal (double-blind). Publication needs no scheduler: a review carries `publishAt`
// (the window's end, or the moment both parties have written) and the rules show it to others
// only from then on; `published` (what profiles list and the trust summary counts) is set at the
// second review, or by refreshTrust once the window has closed.
import { Timestamp } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import type { ReviewDealInput } from '../domain/inputs'
import { REVIEW_RATE_MAX, REVIEW_RATE_WINDOW_MS, REVIEW_WINDOW_MS } from '../domain/limits'
import type { ReviewDealResult, ReviewDoc } from '../domain/reviews'
import type { DealDoc } from '../domain/types'
import { accountRef, dealRef, profileRef, reviewRef } from './paths'
import { type RateLimit, countAction } from './rateLimits'
import { profileFrom } from './profiles'
import { readAll } from './reads'
import { recomputeTrust } from './trust'

export const REVIEW_LIMIT: RateLimit = {
  field: 'reviewsWritten',
  max: REVIEW_RATE_MAX,
  windowMs: REVIEW_RATE_WINDOW_MS,
}

/**
 * Writes the caller's one review of the other party of `dealId`, within REVIEW_WINDOW_MS of the
 * sale. If the other party has already written theirs, both publish now; otherwise this one
 * publishes when the window closes. Then both parties' summaries are recomputed.
 */
export async function reviewDealTx(
  uid: string,
  input: ReviewDealInput,
  now: number = Date.now(),
): Promise<ReviewDealResult> {
  const { dealId } = input
  const outcome = await db.runTransaction(async (tx) => {
    const [dealSnap, profileSnap, rateSnap] = await readAll(
      tx,
      dealRef(dealId),
      profileRef(uid),
      accountRef(uid),
    )
    if (!dealSnap.exists) throw new HttpsError('not-found', 'No such deal.')
    const deal = dealSnap.data() as DealDoc<Timestamp>
    const isSeller = deal.sellerId === uid
    if ((!isSeller && deal.buyerId !== uid) || deal.buyerId === null) {
      throw new HttpsError('permission-denied', 'Only the two parties of a deal review it.')
    }
    const otherId = isSeller ? deal.buyerId : deal.sellerId
    const [mineSnap, otherSnap] = await readAll(
      tx,
      reviewRef(dealId, uid),
      reviewRef(dealId, otherId),
    )
    if (mineSnap.exists) throw new HttpsError('already-exists', 'You have reviewed this deal.')
    const closesAt = deal.soldAt.toMillis() + REVIEW_WINDOW_MS
    if (now >= closesAt) {
      throw new HttpsError('failed-precondition', 'The review window has closed.', {
        problem: 'window-closed',
      })
    }
    countAction(tx, REVIEW_LIMIT, rateSnap, now)
    const bothWritten = otherSnap.exists
    const at = Timestamp.fromMillis(now)
    const review: ReviewDoc<Timestamp> = {
      dealId,
      reviewerId: uid,
      reviewerName: profileFrom(profileSnap).username,
      revieweeId: otherId,
      role: isSeller ? 'seller' : 'buyer',
      rating: input.rating,
      tags: input.tags,
      text: input.text,
      createdAt: at,
      publishAt: bothWritten ? at : Timestamp.fromMillis(closesAt),
      published: bothWritten,
    }
    tx.create(mineSnap.ref, review)
    if (bothWritten) tx.update(otherSnap.ref, { publishAt: at, published: true })
    return { published: bothWritten, otherId }
  })
  await Promise.all([recomputeTrust(uid, now), recomputeTrust(outcome.otherId, now)])
  return { published: outcome.published }
}
