import { callable } from '../callable'
import { parseUid } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { refreshTrust as refresh } from '../services/trust'

/** Brings a user's trust summary up to date once a hidden review about them has published. */
export const refreshTrust = callable(async (_caller, data) => ({
  refreshed: await refresh(valueOrInvalid(parseUid(data)).uid),
}))
