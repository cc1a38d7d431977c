// Limits room-password guessing twice: PASSWORD_ATTEMPTS_MAX wrong passwords per user and room
// within PASSWORD_ATTEMPT_WINDOW_MS, and ROOM_WRONG_PASSWORDS_MAX per room from everyone within
// ROOM_WRONG_PASSWORD_WINDOW_MS (fresh accounts cost an attacker nothing, a room's guesses do).
// Past either, `resource-exhausted` until the window allows again. Both records are read and
// written inside the join transaction, so concurrent guesses cannot slip past them.
import {
  PASSWORD_ATTEMPTS_MAX,
  PASSWORD_ATTEMPT_WINDOW_MS,
  ROOM_WRONG_PASSWORDS_MAX,
  ROOM_WRONG_PASSWORD_WINDOW_MS,
} from '../domain/limits'
import { logAction, waitForSlot } from '../domain/rateLimits'

export { attemptsRef, guessesRef } from './paths'

export interface PasswordAttempts {
  count: number
  windowStart: number
}

/** `rooms/{roomId}/private/guesses`: times (ms) of the room's recent wrong passwords. */
export interface RoomGuesses {
  wrong: number[]
}

/** Milliseconds until guessing is allowed again, or 0 when it is allowed now. */
export function lockedForMs(attempts: PasswordAttempts | undefined, now: number): number {
  if (!attempts || now - attempts.windowStart >= PASSWORD_ATTEMPT_WINDOW_MS) return 0
  if (attempts.count < PASSWORD_ATTEMPTS_MAX) return 0
  return attempts.windowStart + PASSWORD_ATTEMPT_WINDOW_MS - now
}

/** The record after one more wrong password; a new window starts when the last has passed. */
export function afterWrongPassword(
  attempts: PasswordAttempts | undefined,
  now: number,
): PasswordAttempts {
  if (!attempts || now - attempts.windowStart >= PASSWORD_ATTEMPT_WINDOW_MS) {
    return { count: 1, windowStart: now }
  }
  return { count: attempts.count + 1, windowStart: attempts.windowStart }
}

/** Milliseconds until the room takes another guess from anyone, or 0. */
export function roomLockedForMs(guesses: RoomGuesses | undefined, now: number): number {
  return waitForSlot(guesses?.wrong, now, ROOM_WRONG_PASSWORDS_MAX, ROOM_WRONG_PASSWORD_WINDOW_MS)
}

/** The room's record after one more wrong password at `now`. */
export function afterRoomWrongPassword(guesses: RoomGuesses | undefined, now: number): RoomGuesses {
  return {
    wrong: logAction(guesses?.wrong, now, ROOM_WRONG_PASSWORDS_MAX, ROOM_WRONG_PASSWORD_WINDOW_MS),
  }
}
