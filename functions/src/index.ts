// Every deployed function, one file each.
export { claimUsername } from './callables/claimUsername'
export { createRoom } from './callables/createRoom'
export { joinRoom } from './callables/joinRoom'
export { leaveRoom } from './callables/leaveRoom'
export { openItemRoom } from './callables/openItemRoom'
export { onMessageCreated } from './triggers/onMessageCreated'
export { onItemUpdated } from './triggers/onItemUpdated'
