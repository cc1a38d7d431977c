import { callable } from '../callable'
import { parseSetFavorite } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { setFavoriteTx } from '../services/favorites'

/** Keeps (or stops keeping) an item among the caller's favourites. */
export const setFavorite = callable(async (caller, data) =>
  setFavoriteTx(caller.uid, valueOrInvalid(parseSetFavorite(data))),
)
