import { HttpsError } from 'firebase-functions/v2/https'
import { logger } from 'firebase-functions/v2'
import type { Parsed } from './domain/inputs'

/** The parsed value, or an `invalid-argument` error naming the field and the problem. */
export function valueOrInvalid<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value
  throw new HttpsError(
    'invalid-argument',
    `Invalid ${parsed.field || 'input'}: ${parsed.problem}`,
    {
      field: parsed.field,
      problem: parsed.problem,
    },
  )
}

/** gRPC code Firestore uses for transaction contention. */
const ABORTED = 10

function isContention(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  return (
    code === ABORTED ||
    code === 'aborted' ||
    // A read still in flight when contention aborted its transaction fails with "invalid or closed".
    (typeof message === 'string' &&
      /ABORTED|lock timeout|contention|Transaction is invalid or closed/i.test(message))
  )
}

/**
 * Every error a callable throws, as an HttpsError: its own, contention as `aborted` (the client
 * retries), anything else logged and reported as `internal`.
 */
export function toHttpsError(error: unknown): HttpsError {
  if (error instanceof HttpsError) return error
  if (isContention(error)) return new HttpsError('aborted', 'Busy, please try again.')
  logger.error('unexpected error', error)
  return new HttpsError('internal', 'Something went wrong.')
}
