// Turns a query spec of functions/src/domain/queries.ts into a Firestore query.
import { type Query, collection, limit, orderBy, query, where } from 'firebase/firestore'
import type { QuerySpec } from '@domain/queries'
import { db } from '@/lib/db'

export function toQuery(spec: QuerySpec): Query {
  return query(
    collection(db, spec.collection),
    ...spec.where.map(([field, op, value]) => where(field, op, value)),
    ...spec.orderBy.map(([field, direction]) => orderBy(field, direction)),
    limit(spec.limit),
  )
}
