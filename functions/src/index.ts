// Every deployed function, one file each.
export { claimUsername } from './callables/claimUsername'
export { createRoom } from './callables/createRoom'
export { joinRoom } from './callables/joinRoom'
export { leaveRoom } from './callables/leaveRoom'
export { openItemRoom } from './callables/openItemRoom'
export { deleteAccount } from './callables/deleteAccount'
export { onMessageCreated } from './triggers/onMessageCreated'
export { onItemUpdated } from './triggers/onItemUpdated'
