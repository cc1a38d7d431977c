// Every query the client makes, and proof that firestore.indexes.json has an index serving it.
// The emulator runs any query without indexes; production refuses one that lacks its index.
// Queries of src/lib/rooms.ts, src/lib/messageFeed.ts and stores/myChats.ts are repeated here;
// the market (every combination of filters), deals, reviews and profile queries come from the
// same builders (@domain/queries) the client uses.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  type MarketFilters,
  type QuerySpec,
  marketQuerySpec,
  myDealsSpec,
  myListingsSpec,
  myReviewsSpec,
  onSaleSpec,
  publishedReviewsSpec,
} from '@domain/queries'

interface IndexField {
  fieldPath: string
  order?: 'ASCENDING' | 'DESCENDING'
  arrayConfig?: 'CONTAINS'
}
const { indexes } = JSON.parse(
  readFileSync(new URL('../../firestore.indexes.json', import.meta.url), 'utf8'),
) as { indexes: { collectionGroup: string; fields: IndexField[] }[] }

const spec = (
  collection: string,
  where: QuerySpec['where'],
  orderBy: QuerySpec['orderBy'] = [],
): QuerySpec => ({ collection, where, orderBy, limit: 20 })

const EQUALITY = new Set(['==', 'in', 'array-contains'])

/** The fields an index must hold, in order: equalities (any order), then the sort. */
function requirement(q: QuerySpec) {
  const equalities = q.where.filter(([, op]) => EQUALITY.has(op))
  const sort = q.orderBy.map(([field, dir]) => `${field}:${dir}`)
  // Inequality fields not ordered explicitly are ordered implicitly, by name, ascending.
  const inequalities = [...new Set(q.where.filter(([, op]) => !EQUALITY.has(op)).map(([f]) => f))]
  for (const field of inequalities.sort()) {
    if (!q.orderBy.some(([f]) => f === field)) sort.push(`${field}:asc`)
  }
  const eq = equalities.map(
    ([field, op]) => `${field}:${op === 'array-contains' ? 'contains' : '*'}`,
  )
  return { eq, sort }
}

/** Whether single-field indexes serve the query (no composite needed). */
function singleFieldServes(q: QuerySpec): boolean {
  const { eq, sort } = requirement(q)
  if (sort.length === 0) return true // equalities only: merged single-field indexes
  return eq.length === 0 && sort.length === 1
}

function covered(q: QuerySpec): boolean {
  if (singleFieldServes(q)) return true
  const { eq, sort } = requirement(q)
  return indexes.some((index) => {
    if (index.collectionGroup !== q.collection) return false
    const fields = index.fields.map((f) =>
      f.arrayConfig
        ? `${f.fieldPath}:contains`
        : `${f.fieldPath}:${f.order === 'DESCENDING' ? 'desc' : 'asc'}`,
    )
    if (fields.length !== eq.length + sort.length) return false
    const head = fields
      .slice(0, eq.length)
      .map((f) => (f.endsWith(':contains') ? f : f.replace(/:(asc|desc)$/, ':*')))
    return (
      [...head].sort().join() === [...eq].sort().join() &&
      fields.slice(eq.length).join() === sort.join()
    )
  })
}

function marketCombinations(): MarketFilters[] {
  const out: MarketFilters[] = []
  for (const keyword of [null, '자전'])
    for (const status of ['all', 'unsold', 'available'] as const)
      for (const freeOnly of [false, true])
        for (const [minPrice, maxPrice] of [
          [null, null],
          [1000, null],
          [null, 50000],
          [1000, 50000],
        ] as const)
          for (const order of ['newest', 'cheapest'] as const)
            out.push({ keyword, status, freeOnly, minPrice, maxPrice, order })
  return out
}

const CLIENT_QUERIES: [string, QuerySpec][] = [
  [
    'lobby (src/lib/rooms.ts)',
    spec('rooms', [['kind', '==', 'open']], [['lastMessageAt', 'desc']]),
  ],
  [
    'my chats (stores/myChats.ts)',
    spec('rooms', [['memberIds', 'array-contains', 'u']], [['lastMessageAt', 'desc']]),
  ],
  [
    'unread count (stores/myChats.ts)',
    spec('messages', [
      ['createdAt', '>', 0],
      ['senderId', '!=', 'u'],
    ]),
  ],
  ['unread count, never read', spec('messages', [['senderId', '!=', 'u']])],
  ['latest messages (src/lib/messageFeed.ts)', spec('messages', [], [['createdAt', 'desc']])],
  [
    "latest messages, a buyer's",
    spec('messages', [['createdAt', '>=', 0]], [['createdAt', 'desc']]),
  ],
  [
    'messages written since (src/lib/messageFeed.ts)',
    spec('messages', [['updatedAt', '>', 0]], [['updatedAt', 'asc']]),
  ],
  [
    "messages written since, a buyer's (from their joinedAt on)",
    spec(
      'messages',
      [
        ['createdAt', '>=', 0],
        ['updatedAt', '>', 0],
      ],
      [['updatedAt', 'asc']],
    ),
  ],
  ['members seen most recently (SellerActions)', spec('members', [], [['seenAt', 'desc']])],
  ['purchases', myDealsSpec('u', 'buyer')],
  ['sales', myDealsSpec('u', 'seller')],
  ['published reviews', publishedReviewsSpec('u')],
  ['my reviews', myReviewsSpec('u')],
  ['on sale (public profile)', onSaleSpec('u')],
  ['my favourites', spec('favorites', [], [['createdAt', 'desc']])],
  ['my listings (MyListingsPage)', myListingsSpec('u', 20)],
  ['my notices (stores/notices.ts)', spec('notices', [], [['at', 'desc']])],
  ...marketCombinations().map((filters): [string, QuerySpec] => [
    `market ${JSON.stringify(filters)}`,
    marketQuerySpec(filters, 20),
  ]),
]

describe('firestore.indexes.json covers every client query', () => {
  it('has an index for each query', () => {
    const missing = CLIENT_QUERIES.filter(([, q]) => !covered(q)).map(
      ([name, q]) => `${name}: ${JSON.stringify(requirement(q))}`,
    )
    expect(missing).toEqual([])
  })

  it('the checker itself refuses a query without its index', () => {
    expect(covered(spec('items', [['sellerId', '==', 'u']], [['price', 'asc']]))).toBe(false)
  })
})
