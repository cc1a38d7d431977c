import { callable } from '../callable'
import { parseCreateRoom } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { createRoomTx } from '../services/rooms'

/** Creates an open room; the caller is its owner and first member. */
export const createRoom = callable(async (caller, data) =>
  createRoomTx(caller.uid, valueOrInvalid(parseCreateRoom(data))),
)
