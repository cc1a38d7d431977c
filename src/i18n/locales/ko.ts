// The first load's messages in one language, a chunk of their own: only the UI language's is
// fetched before the first paint, the other when the user switches (../instance.ts). The query
// makes each message module a module of its own per language, so each chunk keeps one language.
import { ko as chat } from '../messages/chat?locale=ko'
import { ko as common } from '../messages/common?locale=ko'
import { ko as market } from '../messages/market?locale=ko'
import { ko as photos } from '../messages/photos?locale=ko'
import { ko as rooms } from '../messages/rooms?locale=ko'

export default [common, rooms, market, chat, photos]
