// Item rules shared by the client and the tests; firestore.rules spells out the same transitions.
import type { ItemStatus } from './types'

/** The statuses an item may move to from `status`: reserved and sold from available, back to
 * available or on to sold from reserved; `sold` is final. */
export function nextItemStatuses(status: ItemStatus): ItemStatus[] {
  if (status === 'available') return ['reserved', 'sold']
  if (status === 'reserved') return ['available', 'sold']
  return []
}

/**
 * A price as typed (digits, optionally grouped with commas or spaces, an optional ₩ or 원) as a
 * number; NaN when it is not a whole number of won ("12.5" is refused, not read as 125).
 */
export function parsePrice(text: string): number {
  const compact = text.replace(/[\s,₩원]/g, '')
  if (compact === '') return Number.NaN
  return /^-?\d+$/.test(compact) ? Number(compact) : Number.NaN
}
