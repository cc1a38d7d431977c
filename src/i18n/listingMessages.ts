// Messages of listing an item (the sell form, its photo list, the item page's gallery), merged
// in by the components that show them: they stay out of what the chat needs first
// (bench/budgets.json).
import { mergeMessages } from './index'
import { en, ko } from './messages/listing'

mergeMessages('en', en)
mergeMessages('ko', ko)
