import { callable } from '../callable'
import { parseJoinRoom } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { joinRoomTx } from '../services/rooms'

/** Joins an open room, checking its password and capacity. */
export const joinRoom = callable(async (caller, data) => {
  const input = valueOrInvalid(parseJoinRoom(data))
  return joinRoomTx(caller.uid, input.roomId, input.password)
})
