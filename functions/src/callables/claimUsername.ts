import { callable } from '../callable'
import { parseClaimUsername } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { claimUsernameTx } from '../services/usernames'

/** Claims or changes the caller's username; guests calling with `{}` get a generated one. */
export const claimUsername = callable(async (caller, data) => {
  const input = valueOrInvalid(parseClaimUsername(data))
  return claimUsernameTx({ uid: caller.uid, isGuest: caller.isGuest, username: input.username })
})
