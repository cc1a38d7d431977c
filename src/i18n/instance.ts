// The messages of the first load and the remembered locale; main.ts calls `installI18n` before
// mounting. Components take `useI18n` from '@/i18n', which does not import this module, so the
// message chunk stays as it was.
import { applyLocale, LOCALES, type Locale, mergeMessages } from './index'
import * as auth from './messages/auth'
import * as chat from './messages/chat'
import * as common from './messages/common'
import * as market from './messages/market'
import * as photos from './messages/photos'
import * as rooms from './messages/rooms'

const STORAGE_KEY = 'marketchat.locale'

/** Every message area; each module exports `en` and `ko` with the same keys. */
const areas = [common, auth, rooms, market, chat, photos]
export type Messages = typeof common.en &
  typeof auth.en &
  typeof rooms.en &
  typeof market.en &
  typeof chat.en &
  typeof photos.en

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

/** Loads the first-load messages and shows the initial locale. */
export function installI18n(): void {
  for (const area of areas) {
    mergeMessages('en', area.en)
    mergeMessages('ko', area.ko)
  }
  const locale = initialLocale()
  applyLocale(locale)
  document.documentElement.lang = locale
}

/** Switches the UI language and remembers the choice. */
export function setLocale(locale: Locale): void {
  applyLocale(locale)
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
