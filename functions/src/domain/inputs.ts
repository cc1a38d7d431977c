// Strict parsing of callable inputs: the exact keys, the right types, within the limits.
// Used by the functions (which throw `invalid-argument`) and by the client forms.
import { isReservedDocumentId } from './documentIds'
import {
  ITEM_DESCRIPTION_MAX_LENGTH,
  ITEM_PRICE_MAX,
  ITEM_TITLE_MAX_LENGTH,
  MESSAGE_TEXT_MAX_LENGTH,
  ROOM_CAPACITY_MAX,
  ROOM_CAPACITY_MIN,
  ROOM_PASSWORD_MAX_LENGTH,
  ROOM_PASSWORD_MIN_LENGTH,
  ROOM_TITLE_MAX_LENGTH,
  REVIEW_TEXT_MAX_LENGTH,
} from './limits'
import {
  REVIEW_RATINGS,
  type ReviewRating,
  type ReviewTag,
  reviewTagsProblem,
  reviewTextProblem,
} from './reviews'
import { hasBidiControl, hasTooManyMarks, isInvisibleText } from './text'
import { type UsernameProblem, normalizeUsername, usernameProblem } from './usernames'

export type InputProblem =
  | UsernameProblem
  | 'not-an-object'
  | 'unknown-key'
  | 'wrong-type'
  | 'blank'
  | 'out-of-range'
  | 'not-an-integer'

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; problem: InputProblem }

const ID = /^[A-Za-z0-9_-]{1,128}$/

function fail(
  field: string,
  problem: InputProblem,
): { ok: false; field: string; problem: InputProblem } {
  return { ok: false, field, problem }
}

/** A plain object whose own keys are all in `allowed`; `null` when it is not. */
function plainObject(data: unknown, allowed: readonly string[]): Parsed<Record<string, unknown>> {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail('', 'not-an-object')
  const proto: unknown = Object.getPrototypeOf(data)
  if (proto !== Object.prototype && proto !== null) return fail('', 'not-an-object')
  for (const key of Reflect.ownKeys(data)) {
    if (typeof key !== 'string' || !allowed.includes(key)) return fail(String(key), 'unknown-key')
  }
  return { ok: true, value: data as Record<string, unknown> }
}

/** A lone UTF-16 surrogate: not a character, and Firestore refuses to store it. */
const LONE_SURROGATE = /\p{Cs}/u

/**
 * Problem with a user's text (message, title, description): `min`..`max` characters; when not
 * empty, something visible (not only spaces, format or filler characters); no bidirectional
 * controls; at most COMBINING_MARKS_MAX combining marks on one character. firestore.rules' text()
 * applies the same checks.
 */
export function textProblem(value: unknown, max: number, min = 1): InputProblem | null {
  if (typeof value !== 'string') return 'wrong-type'
  if (LONE_SURROGATE.test(value)) return 'invalid-characters'
  if ((min > 0 || value.length > 0) && isInvisibleText(value)) return 'blank'
  const length = value.length
  if (length < min || length > max) return 'out-of-range'
  if (hasBidiControl(value) || hasTooManyMarks(value)) return 'invalid-characters'
  return null
}

export function roomTitleProblem(value: unknown): InputProblem | null {
  return textProblem(value, ROOM_TITLE_MAX_LENGTH)
}

export function roomCapacityProblem(value: unknown): InputProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrong-type'
  if (!Number.isInteger(value)) return 'not-an-integer'
  if (value < ROOM_CAPACITY_MIN || value > ROOM_CAPACITY_MAX) return 'out-of-range'
  return null
}

export function roomPasswordProblem(value: unknown): InputProblem | null {
  if (typeof value !== 'string') return 'wrong-type'
  if (value.length < ROOM_PASSWORD_MIN_LENGTH || value.length > ROOM_PASSWORD_MAX_LENGTH) {
    return 'out-of-range'
  }
  return null
}

export function messageTextProblem(value: unknown): InputProblem | null {
  return textProblem(value, MESSAGE_TEXT_MAX_LENGTH)
}

export function itemTitleProblem(value: unknown): InputProblem | null {
  return textProblem(value, ITEM_TITLE_MAX_LENGTH)
}

export function itemDescriptionProblem(value: unknown): InputProblem | null {
  return textProblem(value, ITEM_DESCRIPTION_MAX_LENGTH, 0)
}

export function itemPriceProblem(value: unknown): InputProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrong-type'
  if (!Number.isInteger(value)) return 'not-an-integer'
  if (value < 0 || value > ITEM_PRICE_MAX) return 'out-of-range'
  return null
}

function idProblem(value: unknown): InputProblem | null {
  if (typeof value !== 'string') return 'wrong-type'
  return ID.test(value) && !isReservedDocumentId(value) ? null : 'out-of-range'
}

export interface ClaimUsernameInput {
  username?: string
}
export function parseClaimUsername(data: unknown): Parsed<ClaimUsernameInput> {
  const obj = plainObject(data ?? {}, ['username'])
  if (!obj.ok) return obj
  const { username } = obj.value
  if (username === undefined) return { ok: true, value: {} }
  if (typeof username !== 'string') return fail('username', 'wrong-type')
  if (username.length > 200) return fail('username', 'too-long')
  const problem = usernameProblem(username)
  if (problem) return fail('username', problem)
  return { ok: true, value: { username: normalizeUsername(username) } }
}

export interface CreateRoomInput {
  title: string
  /** null: none given, so ROOM_CAPACITY_MAX (openRoomCapacity). */
  capacity: number | null
  password: string | null
}
export function parseCreateRoom(data: unknown): Parsed<CreateRoomInput> {
  const obj = plainObject(data, ['title', 'capacity', 'password'])
  if (!obj.ok) return obj
  const { title, capacity, password } = obj.value
  const titleProblem = roomTitleProblem(title)
  if (titleProblem) return fail('title', titleProblem)
  const cap = capacity ?? null
  if (cap !== null) {
    const problem = roomCapacityProblem(cap)
    if (problem) return fail('capacity', problem)
  }
  const pw = password === undefined || password === null || password === '' ? null : password
  if (pw !== null) {
    const problem = roomPasswordProblem(pw)
    if (problem) return fail('password', problem)
  }
  return {
    ok: true,
    value: {
      title: (title as string).trim(),
      capacity: cap as number | null,
      password: pw as string | null,
    },
  }
}

export interface JoinRoomInput {
  roomId: string
  password: string | null
}
export function parseJoinRoom(data: unknown): Parsed<JoinRoomInput> {
  const obj = plainObject(data, ['roomId', 'password'])
  if (!obj.ok) return obj
  const { roomId, password } = obj.value
  const problem = idProblem(roomId)
  if (problem) return fail('roomId', problem)
  if (password !== undefined && password !== null) {
    if (typeof password !== 'string') return fail('password', 'wrong-type')
    if (password.length > ROOM_PASSWORD_MAX_LENGTH) return fail('password', 'out-of-range')
  }
  return {
    ok: true,
    value: { roomId: roomId as string, password: (password as string | undefined) ?? null },
  }
}

export interface RoomIdInput {
  roomId: string
}
export function parseLeaveRoom(data: unknown): Parsed<RoomIdInput> {
  const obj = plainObject(data, ['roomId'])
  if (!obj.ok) return obj
  const problem = idProblem(obj.value.roomId)
  if (problem) return fail('roomId', problem)
  return { ok: true, value: { roomId: obj.value.roomId as string } }
}

export interface OpenItemRoomInput {
  itemId: string
}
export function parseOpenItemRoom(data: unknown): Parsed<OpenItemRoomInput> {
  const obj = plainObject(data, ['itemId'])
  if (!obj.ok) return obj
  const problem = idProblem(obj.value.itemId)
  if (problem) return fail('itemId', problem)
  return { ok: true, value: { itemId: obj.value.itemId as string } }
}

export function parseEmpty(data: unknown): Parsed<Record<string, never>> {
  const obj = plainObject(data ?? {}, [])
  if (!obj.ok) return obj
  return { ok: true, value: {} }
}

export interface CompleteSaleInput {
  itemId: string
  buyerId: string | null
}
export function parseCompleteSale(data: unknown): Parsed<CompleteSaleInput> {
  const obj = plainObject(data, ['itemId', 'buyerId'])
  if (!obj.ok) return obj
  const { itemId, buyerId } = obj.value
  const problem = idProblem(itemId)
  if (problem) return fail('itemId', problem)
  if (buyerId === undefined) return fail('buyerId', 'wrong-type')
  if (buyerId !== null) {
    const buyerProblem = idProblem(buyerId)
    if (buyerProblem) return fail('buyerId', buyerProblem)
  }
  return { ok: true, value: { itemId: itemId as string, buyerId: buyerId as string | null } }
}

export interface ReviewDealInput {
  dealId: string
  rating: ReviewRating
  tags: ReviewTag[]
  text: string
}
export function parseReviewDeal(data: unknown): Parsed<ReviewDealInput> {
  const obj = plainObject(data, ['dealId', 'rating', 'tags', 'text'])
  if (!obj.ok) return obj
  const { dealId, rating, tags = [], text = '' } = obj.value
  const idIssue = idProblem(dealId)
  if (idIssue) return fail('dealId', idIssue)
  if (!(REVIEW_RATINGS as readonly unknown[]).includes(rating))
    return fail('rating', 'out-of-range')
  const tagsIssue = reviewTagsProblem(tags)
  if (tagsIssue) return fail('tags', tagsIssue === 'wrong-type' ? 'wrong-type' : 'out-of-range')
  const textIssue = reviewTextProblem(text)
  if (textIssue) return fail('text', textIssue === 'wrong-type' ? 'wrong-type' : 'out-of-range')
  // Shown on public profiles: the visible-text checks of messages and titles too (no invisible
  // text, no direction overrides, combining marks capped).
  const visibleIssue = textProblem(text, REVIEW_TEXT_MAX_LENGTH, 0)
  if (visibleIssue) return fail('text', visibleIssue)
  return {
    ok: true,
    value: {
      dealId: dealId as string,
      rating: rating as ReviewRating,
      tags: tags as ReviewTag[],
      text: (text as string).trim(),
    },
  }
}

export interface UidInput {
  uid: string
}
export function parseUid(data: unknown): Parsed<UidInput> {
  const obj = plainObject(data, ['uid'])
  if (!obj.ok) return obj
  const problem = idProblem(obj.value.uid)
  if (problem) return fail('uid', problem)
  return { ok: true, value: { uid: obj.value.uid as string } }
}

export interface SetFavoriteInput {
  itemId: string
  on: boolean
}
export function parseSetFavorite(data: unknown): Parsed<SetFavoriteInput> {
  const obj = plainObject(data, ['itemId', 'on'])
  if (!obj.ok) return obj
  const problem = idProblem(obj.value.itemId)
  if (problem) return fail('itemId', problem)
  if (typeof obj.value.on !== 'boolean') return fail('on', 'wrong-type')
  return { ok: true, value: { itemId: obj.value.itemId as string, on: obj.value.on } }
}
