// The app's vue-i18n instance and its messages; main.ts installs it. Components take `useI18n`
// from '@/i18n', which does not import this module, so the message chunk stays as it was.
import { createI18n } from 'vue-i18n'
import { LOCALES, type Locale } from './index'
import * as auth from './messages/auth'
import * as chat from './messages/chat'
import * as common from './messages/common'
import * as market from './messages/market'
import * as photos from './messages/photos'
import * as rooms from './messages/rooms'

const STORAGE_KEY = 'marketchat.locale'

/** Every message area; each module exports `en` and `ko` with the same keys. */
const areas = [common, auth, rooms, market, chat, photos]
type AllMessages = typeof common.en &
  typeof auth.en &
  typeof rooms.en &
  typeof market.en &
  typeof chat.en &
  typeof photos.en
const messages = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as AllMessages,
  ko: Object.assign({}, ...areas.map((a) => a.ko)) as AllMessages,
}
export type Messages = typeof messages.en

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The remembered choice, else the browser's language, else English. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (isLocale(saved)) return saved
  for (const lang of navigator.languages ?? [navigator.language]) {
    const base = lang.toLowerCase().split('-')[0]
    if (isLocale(base)) return base
  }
  return 'en'
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages,
})

/** Switches the UI language and remembers the choice. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
