// What components need from i18n: `useI18n` with key-checked `t`, the key types, the locales.
import { useI18n as useVueI18n } from 'vue-i18n'
import type { Messages as FirstLoadMessages } from './instance'
import type { en as DealsMessages } from './messages/deals'

/**
 * The message schema: the areas of the first load (./instance) and deals, reviews, favourites,
 * search and profiles (messages/deals.ts), which ./dealsMessages merges in when a component that
 * shows them loads (type-only imports: no bytes).
 */
type Messages = FirstLoadMessages & typeof DealsMessages

export const LOCALES = ['en', 'ko'] as const
export type Locale = (typeof LOCALES)[number]

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
