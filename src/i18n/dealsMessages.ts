// Messages of deals, reviews, favourites and public profiles, merged into i18n by the components
// that show them: they stay out of what the chat needs first (bench/budgets.json).
import { i18n } from './instance'
import { en, ko } from './messages/deals'

i18n.global.mergeLocaleMessage('en', en as never)
i18n.global.mergeLocaleMessage('ko', ko as never)
