// Messages of the market and item pages, deals, reviews, favourites and public profiles, merged
// in by the components that show them: they stay out of what the chat needs first
// (bench/budgets.json).
import { mergeMessages } from './index'
import { en, ko } from './messages/deals'

mergeMessages('en', en)
mergeMessages('ko', ko)
