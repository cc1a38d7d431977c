import { createI18n, useI18n as useVueI18n } from 'vue-i18n'
import * as auth from './messages/auth'
import * as chat from './messages/chat'
import * as common from './messages/common'
import * as market from './messages/market'
import * as photos from './messages/photos'
import * as rooms from './messages/rooms'

export const LOCALES = ['en', 'ko'] as const
export type Locale = (typeof LOCALES)[number]
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

declare module 'vue-i18n' {
  // The message schema (create-vue's pattern): editors complete keys from it.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}

/** `a.b.c` for every message in `T`. */
type KeyPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeyPaths<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** Every message key. */
export type MessageKey = KeyPaths<Messages>

type Named = Record<string, unknown>
/** vue-i18n's `t` for our keys only: vue-i18n's own accepts any string, so typos went unseen. */
export interface Translate {
  (key: MessageKey): string
  (key: MessageKey, plural: number): string
  (key: MessageKey, named: Named): string
  (key: MessageKey, named: Named, plural: number): string
}

/**
 * vue-i18n's `useI18n()` whose `t` takes only message keys: a typo fails `npm run typecheck`.
 * The same function, only its type narrowed (no wrapper in the first-message bundle).
 */
export const useI18n = useVueI18n as unknown as () => Omit<ReturnType<typeof useVueI18n>, 't'> & {
  t: Translate
}

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
