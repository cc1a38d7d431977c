// Limits room-password guessing: PASSWORD_ATTEMPTS_MAX wrong passwords per user and room within
// PASSWORD_ATTEMPT_WINDOW_MS, then `resource-exhausted` until the window passes. The count is
// read and written inside the join transaction, so concurrent guesses cannot slip past it.
import { db } from '../admin'
import { PASSWORD_ATTEMPTS_MAX, PASSWORD_ATTEMPT_WINDOW_MS } from '../domain/limits'

export interface PasswordAttempts {
  count: number
  windowStart: number
}

export const attemptsRef = (roomId: string, uid: string) =>
  db.doc(`rooms/${roomId}/private/attempts-${uid}`)

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
