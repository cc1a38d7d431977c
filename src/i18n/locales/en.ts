// The first load's messages in one language, a chunk of their own: only the UI language's is
// fetched before the first paint, the other when the user switches (../instance.ts). The query
// makes each message module a module of its own per language, so each chunk keeps one language.
import { en as chat } from '../messages/chat?locale=en'
import { en as common } from '../messages/common?locale=en'
import { en as market } from '../messages/market?locale=en'
import { en as photos } from '../messages/photos?locale=en'
import { en as rooms } from '../messages/rooms?locale=en'

export default [common, rooms, market, chat, photos]
