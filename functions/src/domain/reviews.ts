// Reviews between the two parties of a deal, and the trust summary built from them. Used by the
// functions (reviewDeal, the summary) and by the client (form, profile page).
import { REVIEW_TEXT_MAX_LENGTH } from './limits'

export type ReviewRating = 'great' | 'good' | 'bad'
export const REVIEW_RATINGS: readonly ReviewRating[] = ['great', 'good', 'bad']

/** The chips a reviewer may add (at most one of each). */
export const REVIEW_TAGS = [
  'on-time',
  'as-described',
  'friendly',
  'quick-replies',
  'fair-price',
] as const
export type ReviewTag = (typeof REVIEW_TAGS)[number]

/**
 * `reviews/{dealId}_{reviewerId}`: one party's review of the other. Hidden (rules) from everyone
 * but its writer until `publishAt`: the end of the 14-day window, or the moment the other party's
 * review arrived, whichever comes first. `published` turns true at the second review, or for a
 * review whose window has closed, the next time someone reads the reviewee's profile
 * (refreshTrust); profiles list published reviews only.
 */
export interface ReviewDoc<T = unknown> {
  dealId: string
  reviewerId: string
  reviewerName: string
  revieweeId: string
  /** The reviewer's side of the deal. */
  role: 'buyer' | 'seller'
  rating: ReviewRating
  tags: ReviewTag[]
  text: string
  createdAt: T
  publishAt: T
  published: boolean
}

/**
 * `trust/{uid}`: what a public profile shows, written by functions only. Counts published reviews;
 * `nextPublishAt` is when the next hidden review about the user publishes (its window closes), so
 * a reader knows the profile is due a refresh.
 */
export interface TrustDoc<T = unknown> {
  great: number
  good: number
  bad: number
  score: number
  deals: number
  computedAt: T
  nextPublishAt: T | null
}

export const reviewId = (dealId: string, reviewerId: string) => `${dealId}_${reviewerId}`

/** Everyone starts here (like a body temperature, 당근's 매너온도). */
export const TRUST_BASE = 36.5
export const TRUST_STEP: Record<ReviewRating, number> = { great: 0.5, good: 0.2, bad: -1 }

/** The one trust score: the base plus a step per published review, within 0..99, to 0.1. */
export function trustScore(counts: Record<ReviewRating, number>): number {
  const raw =
    TRUST_BASE +
    counts.great * TRUST_STEP.great +
    counts.good * TRUST_STEP.good +
    counts.bad * TRUST_STEP.bad
  return Math.round(Math.min(99, Math.max(0, raw)) * 10) / 10
}

export type ReviewProblem = 'wrong-type' | 'out-of-range' | 'unknown-tag' | 'duplicate-tag'

export function reviewTextProblem(value: unknown): ReviewProblem | null {
  if (typeof value !== 'string') return 'wrong-type'
  if (/\p{Cs}/u.test(value) || value.length > REVIEW_TEXT_MAX_LENGTH) return 'out-of-range'
  return null
}

export function reviewTagsProblem(value: unknown): ReviewProblem | null {
  if (!Array.isArray(value)) return 'wrong-type'
  if (value.some((tag) => !(REVIEW_TAGS as readonly unknown[]).includes(tag))) return 'unknown-tag'
  if (new Set(value).size !== value.length) return 'duplicate-tag'
  return null
}

export interface ReviewDealResult {
  /** Whether both reviews are now published (the other party had written theirs). */
  published: boolean
}
