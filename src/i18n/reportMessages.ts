// Messages of the report dialog, merged in when it loads (on a click of Report): they stay out
// of what the chat needs first (bench/budgets.json).
import { mergeMessages } from './index'
import { en, ko } from './messages/report'

mergeMessages('en', en)
mergeMessages('ko', ko)
