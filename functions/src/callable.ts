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

/** A callable in our region whose errors always reach the client as HttpsError. */
export function callable<T>(handler: (caller: Caller, data: unknown) => Promise<T>) {
  return onCall({ region: REGION }, async (request: CallableRequest<unknown>) => {
    try {
      return await handler(callerOf(request), request.data)
    } catch (error) {
      throw toHttpsError(error)
    }
  })
}
