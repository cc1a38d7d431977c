import { isReservedDocumentId } from './documentIds'
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from './limits'

export type UsernameProblem =
  'required' | 'too-short' | 'too-long' | 'invalid-characters' | 'mixed-scripts' | 'reserved'

/** Names nobody may claim, compared by canonical key. */
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
/** Generated guest names look like `guest_4821`; accounts cannot take that form. */
const GUEST_NAME = /^guest_\d+$/

const LATIN = /^[A-Za-z]$/
const HANGUL = /^\p{Script=Hangul}$/u
const DIGIT_OR_UNDERSCORE = /^[0-9_]$/

/** The form a username is stored and shown in: NFKC, surrounding space removed. */
export function normalizeUsername(input: string): string {
  return input.normalize('NFKC').trim()
}

/** Canonical key: lowercase NFKC. Two names with the same key are the same name. */
export function usernameKey(input: string): string {
  return normalizeUsername(input).toLowerCase().normalize('NFKC')
}

/** Whether `username` is reserved (including the generated guest form). */
export function isReservedUsername(username: string): boolean {
  const key = usernameKey(username)
  return isReservedKey(key) || GUEST_NAME.test(key)
}

/** A reserved name, or a key Firestore cannot use as the `usernames/{key}` document id. */
function isReservedKey(key: string): boolean {
  return RESERVED_USERNAMES.has(key) || isReservedDocumentId(key)
}

/**
 * The first problem with a username, or null when it is valid. `allowGuestForm` lets the
 * server give guests their generated `guest_1234` name.
 */
export function usernameProblem(
  input: string,
  options: { allowGuestForm?: boolean } = {},
): UsernameProblem | null {
  const name = normalizeUsername(input)
  if (name.length === 0) return 'required'
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
  const key = usernameKey(name)
  if (key.normalize('NFKC') !== key) return 'invalid-characters'
  if (isReservedKey(key)) return 'reserved'
  if (GUEST_NAME.test(key) && !options.allowGuestForm) return 'reserved'
  return null
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
