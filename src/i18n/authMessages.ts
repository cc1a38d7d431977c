// Messages of signing up, logging in, usernames and the profile, merged in by the components
// that show them: they stay out of what the chat needs first (bench/budgets.json).
import { mergeMessages } from './index'
import { en, ko } from './messages/auth'

mergeMessages('en', en)
mergeMessages('ko', ko)
