// Every deployed function, one file each.
export { claimUsername } from './callables/claimUsername'
