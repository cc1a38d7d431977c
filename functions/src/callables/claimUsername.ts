import { HttpsError } from 'firebase-functions/v2/https'
import { adminAuth } from '../admin'
import { callable } from '../callable'
import { parseClaimUsername } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { claimUsernameTx } from '../services/usernames'

/** Claims or changes the caller's username; guests calling with `{}` get a generated one. */
export const claimUsername = callable(async (caller, data) => {
  const input = valueOrInvalid(parseClaimUsername(data))
  // A deleted account's ID token stays valid for up to an hour: it must not get a profile back.
  try {
    await adminAuth.getUser(caller.uid)
  } catch (error) {
    if ((error as { code?: unknown }).code === 'auth/user-not-found') {
      throw new HttpsError('unauthenticated', 'This account no longer exists.')
    }
    throw error
  }
  return claimUsernameTx({ uid: caller.uid, isGuest: caller.isGuest, username: input.username })
})
