// Deals, reviews and trust summaries: the documents and queries pages listen to. Writes go
// through the completeSale / reviewDeal callables (src/lib/callables.ts).
import { collection, doc, limit, orderBy, query } from 'firebase/firestore'
import { FAVORITE_PAGE_SIZE } from '@domain/limits'
import { myDealsSpec, myReviewsSpec, onSaleSpec, publishedReviewsSpec } from '@domain/queries'
import { db } from '@/lib/db'
import { toQuery } from '@/lib/queries'

export const userDoc = (uid: string) => doc(db, 'users', uid)
export const trustDoc = (uid: string) => doc(db, 'trust', uid)
export const favoriteDoc = (uid: string, itemId: string) =>
  doc(db, 'users', uid, 'favorites', itemId)

export const myDealsQuery = (uid: string, side: 'buyer' | 'seller') =>
  toQuery(myDealsSpec(uid, side))
export const publishedReviewsQuery = (uid: string) => toQuery(publishedReviewsSpec(uid))
export const myReviewsQuery = (uid: string) => toQuery(myReviewsSpec(uid))
export const onSaleQuery = (sellerId: string) => toQuery(onSaleSpec(sellerId))
export const myFavoritesQuery = (uid: string) =>
  query(
    collection(db, 'users', uid, 'favorites'),
    orderBy('createdAt', 'desc'),
    limit(FAVORITE_PAGE_SIZE),
  )
