import { callable } from '../callable'
import { parseEmpty } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { deleteAccountData } from '../services/accounts'

/** Deletes the caller's account: username, room memberships, profile and Auth user. */
export const deleteAccount = callable(async (caller, data) => {
  valueOrInvalid(parseEmpty(data))
  await deleteAccountData(caller.uid)
  return { deleted: true as const }
})
