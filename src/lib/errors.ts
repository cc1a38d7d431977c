// Turns Firebase errors into codes and i18n keys a person can read.
import type { MessageKey, Translate } from '@/i18n'

const KNOWN_CODES = new Set([
  'unauthenticated',
  'permission-denied',
  'not-found',
  'already-exists',
  'resource-exhausted',
  'failed-precondition',
  'aborted',
  'unavailable',
  'deadline-exceeded',
  'invalid-argument',
  'internal',
])

/** The bare code of a Firebase error (`functions/not-found` → `not-found`), or `unknown`. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return 'unknown'
  return code.replace(/^(functions|firestore)\//, '')
}

/** i18n key of the message for an error. */
export function errorMessageKey(error: unknown): MessageKey {
  const code = errorCode(error)
  return KNOWN_CODES.has(code) ? (`errors.${code}` as MessageKey) : 'common.error'
}

/** `{field, problem}` an `invalid-argument` / `already-exists` callable error carries, if any. */
export function errorDetails(error: unknown): {
  field?: string
  problem?: string
  retryAfterMs?: number
} {
  const details = (error as { details?: unknown } | null)?.details
  if (typeof details !== 'object' || details === null) return {}
  const { field, problem, retryAfterMs } = details as Record<string, unknown>
  return {
    field: typeof field === 'string' ? field : undefined,
    problem: typeof problem === 'string' ? problem : undefined,
    retryAfterMs:
      typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) ? retryAfterMs : undefined,
  }
}

/** i18n key for a Firebase Auth error during sign-up or log-in. */
export function authErrorKey(error: unknown): MessageKey {
  switch (errorCode(error)) {
    case 'auth/email-already-in-use':
      return 'auth.emailTaken'
    case 'auth/invalid-email':
      return 'auth.emailInvalid'
    case 'auth/weak-password':
      return 'auth.passwordWeak'
    case 'auth/invalid-credential':
    case 'auth/wrong-password':
    case 'auth/user-not-found':
    case 'auth/invalid-login-credentials':
      return 'auth.wrongCredentials'
    case 'auth/too-many-requests':
      return 'auth.tooManyRequests'
    case 'auth/network-request-failed':
      return 'auth.network'
    default:
      return errorMessageKey(error)
  }
}

/**
 * The words for a server refusal that means "too many, wait" (a rate limit or the open-room
 * cap), in the reader's language; null for any other error.
 */
export function limitMessage(error: unknown, t: Translate): string | null {
  const { problem, retryAfterMs } = errorDetails(error)
  const max = (error as { details?: { max?: unknown } } | null)?.details?.max
  if (problem === 'too-many-rooms') return t('errors.tooManyRooms', { max: Number(max) || 10 })
  if (problem !== 'rate-limited') return null
  const seconds = Math.max(1, Math.ceil((retryAfterMs ?? 1_000) / 1_000))
  if (seconds < 120) return t('errors.slowDown', { seconds }, seconds)
  const minutes = Math.ceil(seconds / 60)
  return t('errors.slowDownMinutes', { minutes }, minutes)
}
