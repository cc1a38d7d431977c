// Client queries as data, built here so the client (src/lib/queries.ts turns a spec into a
// Firestore query) and tests/unit/indexes.test.ts (proves firestore.indexes.json has an index for
// each) use the same definitions.
import { DEAL_PAGE_SIZE, ITEM_PAGE_SIZE, REVIEW_PAGE_SIZE } from './limits'
import { LISTED_STATUSES } from './types'

export type FilterOp = '==' | 'in' | 'array-contains' | '>=' | '<=' | '>' | '!='
export interface QuerySpec {
  collection: string
  where: [field: string, op: FilterOp, value: unknown][]
  orderBy: [field: string, direction: 'asc' | 'desc'][]
  limit: number
}

export type MarketStatusFilter = 'all' | 'unsold' | 'available'
export type MarketOrder = 'newest' | 'cheapest'
export interface MarketFilters {
  /** The keyword for `array-contains` (searchTerms(text)[0]), or null. */
  keyword: string | null
  status: MarketStatusFilter
  freeOnly: boolean
  minPrice: number | null
  maxPrice: number | null
  order: MarketOrder
}

export const DEFAULT_MARKET_FILTERS: MarketFilters = {
  keyword: null,
  status: 'all',
  freeOnly: false,
  minPrice: null,
  maxPrice: null,
  order: 'newest',
}

/**
 * The market query for a set of filters. A price range orders by price (Firestore orders a range
 * field first), so a range always shows cheapest first; "free only" is `price == 0` and ignores
 * the range.
 */
export function marketQuerySpec(filters: MarketFilters, max: number): QuerySpec {
  const where: QuerySpec['where'] = []
  if (filters.keyword) where.push(['keywords', 'array-contains', filters.keyword])
  if (filters.status === 'available') where.push(['status', '==', 'available'])
  if (filters.status === 'unsold') where.push(['status', 'in', ['available', 'reserved']])
  // Withdrawn items (their seller left) are never listed.
  if (filters.status === 'all') where.push(['status', 'in', [...LISTED_STATUSES]])
  const ranged = !filters.freeOnly && (filters.minPrice !== null || filters.maxPrice !== null)
  if (filters.freeOnly) where.push(['price', '==', 0])
  if (ranged && filters.minPrice !== null) where.push(['price', '>=', filters.minPrice])
  if (ranged && filters.maxPrice !== null) where.push(['price', '<=', filters.maxPrice])
  const byPrice = ranged || (filters.order === 'cheapest' && !filters.freeOnly)
  const orderBy: QuerySpec['orderBy'] = byPrice
    ? [
        ['price', 'asc'],
        ['createdAt', 'desc'],
      ]
    : [['createdAt', 'desc']]
  return { collection: 'items', where, orderBy, limit: max }
}

/** My purchases or my sales, newest first. */
export function myDealsSpec(uid: string, side: 'buyer' | 'seller'): QuerySpec {
  return {
    collection: 'deals',
    where: [[side === 'buyer' ? 'buyerId' : 'sellerId', '==', uid]],
    orderBy: [['soldAt', 'desc']],
    limit: DEAL_PAGE_SIZE,
  }
}

/** Published reviews about `uid`, newest first (what its trust summary counts). */
export function publishedReviewsSpec(uid: string): QuerySpec {
  return {
    collection: 'reviews',
    where: [
      ['revieweeId', '==', uid],
      ['published', '==', true],
    ],
    orderBy: [['publishAt', 'desc']],
    limit: REVIEW_PAGE_SIZE,
  }
}

/** The reviews I wrote (to know which deals I still may review). */
export function myReviewsSpec(uid: string): QuerySpec {
  return {
    collection: 'reviews',
    where: [['reviewerId', '==', uid]],
    orderBy: [['createdAt', 'desc']],
    limit: REVIEW_PAGE_SIZE,
  }
}

/** A seller's items still available, newest first (their public profile). */
export function onSaleSpec(sellerId: string): QuerySpec {
  return {
    collection: 'items',
    where: [
      ['sellerId', '==', sellerId],
      ['status', '==', 'available'],
    ],
    orderBy: [['createdAt', 'desc']],
    limit: ITEM_PAGE_SIZE,
  }
}

/** The seller's own listings (not deleted), newest first: My listings, paged like the market. */
export function myListingsSpec(sellerId: string, max: number): QuerySpec {
  return {
    collection: 'items',
    where: [
      ['sellerId', '==', sellerId],
      ['status', 'in', [...LISTED_STATUSES]],
    ],
    orderBy: [['createdAt', 'desc']],
    limit: max,
  }
}
