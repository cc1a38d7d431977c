// Item data verbs: the writes a seller makes directly (checked by firestore.rules; the status
// trigger posts into the item's room). The market's queries come from @domain/queries.
import { type Timestamp, serverTimestamp, updateDoc } from 'firebase/firestore'
import {
  type InputProblem,
  itemDescriptionProblem,
  itemPriceProblem,
  itemTitleProblem,
} from '@domain/inputs'
import { statusChange } from '@domain/items'
import type { ItemDoc, ItemStatus } from '@domain/types'
import { itemDoc } from '@/lib/db'

export { itemDoc }

/** What a seller types: title, description and price (integer won). */
export interface ItemInput {
  title: string
  description: string
  price: number
}

export type ItemProblems = Partial<Record<keyof ItemInput, InputProblem>>

/** Field problems of a listing, by the same checks the rules make. */
export function itemProblems(input: ItemInput): ItemProblems {
  const problems: ItemProblems = {}
  const title = itemTitleProblem(input.title)
  // Sent trimmed (createItem, updateItem): spaces alone become an empty description.
  const description = itemDescriptionProblem(input.description.trim())
  const price = itemPriceProblem(input.price)
  if (title) problems.title = title
  if (description) problems.description = description
  if (price) problems.price = price
  return problems
}

/** Takes the seller's own unsold listing down (status `deleted`, final; its chat stays). */
export function deleteItem(itemId: string): Promise<void> {
  return updateDoc(itemDoc(itemId), { status: 'deleted', updatedAt: serverTimestamp() })
}

/** The item's status changed too often lately; nothing was written. */
export class StatusTooOftenError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('Status changed too often; try again later.')
    this.name = 'StatusTooOftenError'
  }
}

/**
 * Moves the seller's own item (`item`: as last read) to `status`, counted in the status-change
 * window the rules check. Throws StatusTooOftenError when the window is full.
 */
export function setItemStatus(
  itemId: string,
  item: Pick<ItemDoc<Timestamp | null>, 'statusWindowAt' | 'statusChanges'>,
  status: ItemStatus,
): Promise<void> {
  const change = statusChange(item, Date.now(), (at: Timestamp | null) => at?.toMillis() ?? 0)
  if (change.waitMs > 0) return Promise.reject(new StatusTooOftenError(change.waitMs))
  return updateDoc(itemDoc(itemId), {
    status,
    updatedAt: serverTimestamp(),
    statusChanges: change.statusChanges,
    ...(change.newWindow ? { statusWindowAt: serverTimestamp() } : {}),
  })
}

export { formatPrice } from '@/lib/price'

const AGE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
]

/** How long ago `at` was, in words ("3 hours ago", "3시간 전"); "now" under a minute. */
export function formatAge(at: Date, now: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const elapsed = Math.max(0, now - at.getTime())
  for (const [unit, ms] of AGE_UNITS) {
    if (elapsed >= ms) return rtf.format(-Math.floor(elapsed / ms), unit)
  }
  return rtf.format(0, 'second')
}
