import { type CallableRequest, HttpsError, onCall } from 'firebase-functions/v2/https'
import { toHttpsError } from './errors'
import { REGION } from './domain/region'

export interface Caller {
  uid: string
  isGuest: boolean
}

/** The signed-in caller, or `unauthenticated`. */
export function callerOf(request: CallableRequest<unknown>): Caller {
  const auth = request.auth
  if (!auth) throw new HttpsError('unauthenticated', 'Sign in first.')
  const provider = (auth.token.firebase as { sign_in_provider?: string } | undefined)
    ?.sign_in_provider
  return { uid: auth.uid, isGuest: provider === 'anonymous' }
}

/**
 * Whether a JSON value has a `__proto__` key anywhere. The callable framework decodes such a key
 * into a prototype (or drops it), so the handler would never see the unknown key it must refuse.
 */
function hasPrototypeKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return true
  return Object.values(value).some(hasPrototypeKey)
}

/** A callable in our region whose errors always reach the client as HttpsError. */
export function callable<T>(handler: (caller: Caller, data: unknown) => Promise<T>) {
  return onCall({ region: REGION }, async (request: CallableRequest<unknown>) => {
    try {
      const caller = callerOf(request)
      const body = (request.rawRequest as { body?: { data?: unknown } } | undefined)?.body
      if (hasPrototypeKey(body?.data)) {
        throw new HttpsError('invalid-argument', 'Invalid input: unknown-key', {
          field: '__proto__',
          problem: 'unknown-key',
        })
      }
      return await handler(caller, request.data)
    } catch (error) {
      throw toHttpsError(error)
    }
  })
}
