import { isReservedDocumentId } from './documentIds'
import { USERNAME_HOLD_MS, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from './limits'
import type { UsernameDoc } from './types'

export type UsernameProblem =
  | 'required'
  | 'too-short'
  | 'too-long'
  | 'invalid-characters'
  | 'hangul-jamo'
  | 'mixed-scripts'
  | 'no-letters'
  | 'reserved'

/** Names nobody may claim, even with digits or underscores around them or in look-alike letters. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'root',
  'system',
  'support',
  'moderator',
  'mod',
  'staff',
  'official',
  'help',
  'marketchat',
  'guest',
  'anonymous',
  'null',
  'undefined',
  '관리자',
  '운영자',
  '운영팀',
  '고객센터',
  '시스템',
  '마켓챗',
])
/** Generated guest names look like `guest_048213377`; accounts cannot take that form. */
const GUEST_NAME = /^guest_\d+$/
/** The guest form in look-alike letters too (`guest_l23` looks like `guest_123`), by skeleton. */
const GUEST_SKELETON = /^guest_[\dlo]+$/

/**
 * What a username may be typed with, checked on the input itself (canonically composed) because
 * NFKC would turn compatibility jamo (ㅁㅣ) and halfwidth Hangul into syllables: ASCII letters,
 * digits and `_`, their full-width forms (which fold to ASCII), and precomposed Hangul syllables.
 */
const TYPED_CHAR = /^[A-Za-z0-9_\uFF10-\uFF19\uFF21-\uFF3A\uFF3F\uFF41-\uFF5A\uAC00-\uD7A3]$/
/** Hangul that is not a whole syllable: jamo, compatibility and halfwidth jamo, the fillers. */
const HANGUL_PART = /^[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uD7B0-\uD7FF\uFFA0-\uFFDC]$/

const LATIN = /^[A-Za-z]$/
const HANGUL = /^[\uAC00-\uD7A3]$/
const DIGIT_OR_UNDERSCORE = /^[0-9_]$/

/** The form a username is stored and shown in: NFKC, surrounding space removed. */
export function normalizeUsername(input: string): string {
  return input.normalize('NFKC').trim()
}

/**
 * A lowercase name with look-alike letters made one: i, l, 1 and | become l; o and 0 become o;
 * rn becomes m and vv becomes w (as they read in most fonts).
 */
function skeleton(lower: string): string {
  return lower
    .replace(/[il1|]/g, 'l')
    .replace(/[o0]/g, 'o')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
}

/**
 * Canonical key, the id of `usernames/{key}` and `users.usernameKey`: the skeleton of the
 * lowercase NFKC name. Two names with the same key are the same name (`aIice` is `alice`); the
 * name is still shown as typed.
 */
export function usernameKey(input: string): string {
  return skeleton(normalizeUsername(input).toLowerCase().normalize('NFKC'))
}

/** Whether `username` is reserved (including the generated guest form). */
export function isReservedUsername(username: string): boolean {
  const lower = normalizeUsername(username).toLowerCase()
  return isReservedName(lower) || GUEST_SKELETON.test(skeleton(lower))
}

/**
 * A reserved word, alone or with digits and underscores around it (`_admin1`, `관리자2`), in
 * look-alike letters too (`adm1n`); or a key Firestore cannot use as a document id.
 */
function isReservedName(lower: string): boolean {
  const core = lower.replace(/^[\d_]+|[\d_]+$/g, '')
  const key = skeleton(core)
  for (const word of RESERVED_USERNAMES) if (skeleton(word) === key) return true
  return isReservedDocumentId(skeleton(lower))
}

/**
 * The first problem with a username, or null when it is valid. `allowGuestForm` lets the
 * server give guests their generated `guest_048213377` name.
 */
export function usernameProblem(
  input: string,
  options: { allowGuestForm?: boolean } = {},
): UsernameProblem | null {
  const name = normalizeUsername(input)
  if (name.length === 0) return 'required'
  for (const ch of input.normalize('NFC').trim()) {
    if (HANGUL_PART.test(ch)) return 'hangul-jamo'
    if (!TYPED_CHAR.test(ch)) return 'invalid-characters'
  }
  const chars = [...name]
  if (chars.length < USERNAME_MIN_LENGTH) return 'too-short'
  if (chars.length > USERNAME_MAX_LENGTH) return 'too-long'
  let latin = false
  let hangul = false
  for (const ch of chars) {
    if (LATIN.test(ch)) latin = true
    else if (HANGUL.test(ch)) hangul = true
    else if (!DIGIT_OR_UNDERSCORE.test(ch)) return 'invalid-characters'
  }
  if (latin && hangul) return 'mixed-scripts'
  if (!latin && !hangul) return 'no-letters'
  const lower = name.toLowerCase()
  if (lower.normalize('NFKC') !== lower) return 'invalid-characters'
  if (options.allowGuestForm && GUEST_NAME.test(lower)) return null
  if (isReservedName(lower) || GUEST_SKELETON.test(skeleton(lower))) return 'reserved'
  return null
}

/**
 * Why `uid` cannot claim a name whose `usernames/{key}` document is `doc` at `nowMs`: `taken`
 * (someone's current name), `held` (released by its last owner less than USERNAME_HOLD_MS ago),
 * or null (free, expired, or `uid`'s own). The claim transaction and the client check share it.
 */
export function nameClaimProblem(
  doc: UsernameDoc<{ toMillis(): number }> | null | undefined,
  uid: string | null,
  nowMs: number,
): 'taken' | 'held' | null {
  if (!doc || doc.uid === uid) return null
  if (!doc.releasedAt) return 'taken'
  return nowMs - doc.releasedAt.toMillis() < USERNAME_HOLD_MS ? 'held' : null
}

/** Digits of a generated guest name: 10^9 names, so free ones never run out. */
export const GUEST_NAME_DIGITS = 9

/** A guest name such as `guest_048213377` from a random number in [0, 1). */
export function guestUsername(random: number): string {
  return guestNameOf(Math.floor(random * GUEST_NAMES))
}

const GUEST_NAMES = 10 ** GUEST_NAME_DIGITS

function guestNameOf(n: number): string {
  return `guest_${String(n).padStart(GUEST_NAME_DIGITS, '0')}`
}

/** A guest name drawn uniformly from all 10^9 with the platform's cryptographic random source. */
export function randomGuestUsername(): string {
  const word = new Uint32Array(1)
  const limit = 2 ** 32 - (2 ** 32 % GUEST_NAMES) // drawn below a multiple: no modulo bias
  do globalThis.crypto.getRandomValues(word)
  while ((word[0] as number) >= limit)
  return guestNameOf((word[0] as number) % GUEST_NAMES)
}
