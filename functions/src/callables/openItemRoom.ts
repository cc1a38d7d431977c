import { callable } from '../callable'
import { parseOpenItemRoom } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { openItemRoomTx } from '../services/itemRooms'

/** Opens (creating if needed) the chat room of an item and adds the caller. */
export const openItemRoom = callable(async (caller, data) =>
  openItemRoomTx(caller.uid, valueOrInvalid(parseOpenItemRoom(data)).itemId),
)
