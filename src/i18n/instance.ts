// The messages of the first load and the remembered locale; main.ts mounts the app once
// `installI18n` has loaded them. Components take `useI18n` from '@/i18n', which does not import
// this module. Only the UI language's messages are fetched (./locales/*.ts, a chunk each): the
// other language's when the user switches to it.
import { applyLocale, LOCALES, type Locale, type MessageTree, mergeMessages } from './index'
import type * as chat from './messages/chat'
import type * as common from './messages/common'
import type * as market from './messages/market'
import type * as photos from './messages/photos'
import type * as rooms from './messages/rooms'

const STORAGE_KEY = 'marketchat.locale'

/** Every message area of the first load; each module exports `en` and `ko` with the same keys. */
export type Messages = typeof common.en &
  typeof rooms.en &
  typeof market.en &
  typeof chat.en &
  typeof photos.en

const loaders: Record<Locale, () => Promise<{ default: MessageTree[] }>> = {
  en: () => import('./locales/en'),
  ko: () => import('./locales/ko'),
}
const loaded = new Map<Locale, Promise<void>>()
/** Merges the first-load messages of `locale`, fetched once. */
function load(locale: Locale): Promise<void> {
  let done = loaded.get(locale)
  if (!done) {
    done = loaders[locale]().then(({ default: areas }) => {
      for (const area of areas) mergeMessages(locale, area)
    })
    done.catch(() => loaded.delete(locale))
    loaded.set(locale, done)
  }
  return done
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

/** Loads the initial locale's first-load messages and shows that locale. */
export async function installI18n(): Promise<void> {
  const locale = initialLocale()
  await load(locale)
  applyLocale(locale)
  document.documentElement.lang = locale
}

/** Switches the UI language once its messages are loaded, and remembers the choice. */
export async function setLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale)
  await load(locale)
  applyLocale(locale)
  document.documentElement.lang = locale
}
