import { callable } from '../callable'
import { parseLeaveRoom } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { leaveRoomTx } from '../services/rooms'

/** Leaves a room; an open room left empty is deleted. */
export const leaveRoom = callable(async (caller, data) =>
  leaveRoomTx(caller.uid, valueOrInvalid(parseLeaveRoom(data)).roomId),
)
