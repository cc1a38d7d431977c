// The app's translations: a reactive `locale` and a key-checked `t`, with vue-i18n's message syntax
// for what our messages use (named `{name}`, plural forms ` | `) and nothing else, so no i18n
// library ships in the first-message bundle (bench/budgets.json).
import { type Ref, ref, shallowRef } from 'vue'
import type { Messages as FirstLoadMessages } from './instance'
import type { en as AuthMessages } from './messages/auth'
import type { en as DealsMessages } from './messages/deals'
import type { en as ListingMessages } from './messages/listing'
import type { en as ReportMessages } from './messages/report'

/**
 * The message schema: the areas of the first load (./instance); the market and item pages,
 * deals, reviews, favourites, search and profiles (messages/deals.ts), which ./dealsMessages
 * merges in when a component that shows them loads; and likewise signing up, logging in,
 * usernames and the profile (messages/auth.ts, ./authMessages), listing an item
 * (messages/listing.ts, ./listingMessages) and the report dialog (messages/report.ts,
 * ./reportMessages). Type-only imports: no bytes.
 */
type Messages = FirstLoadMessages &
  typeof DealsMessages &
  typeof AuthMessages &
  typeof ListingMessages &
  typeof ReportMessages

export const LOCALES = ['en', 'ko'] as const
export type Locale = (typeof LOCALES)[number]
const FALLBACK: Locale = 'en'

/** `a.b.c` for every message in `T`. */
type KeyPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeyPaths<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** Every message key. */
export type MessageKey = KeyPaths<Messages>

type Named = Record<string, unknown>
/** `t` for our keys only, so a mistyped key fails `npm run typecheck`. */
export interface Translate {
  (key: MessageKey): string
  (key: MessageKey, plural: number): string
  (key: MessageKey, named: Named): string
  (key: MessageKey, named: Named, plural: number): string
}

/** A tree of messages, as src/i18n/messages/*.ts export them. */
export interface MessageTree {
  [key: string]: string | MessageTree
}

/** The UI language; `setLocale` (./instance) changes and remembers it. */
const current = ref<Locale>(FALLBACK)
/** Replaced, not mutated, when messages are merged, so a render that used `t` re-runs. */
const messages = shallowRef<Record<Locale, MessageTree>>({ en: {}, ko: {} })

function merge(into: MessageTree, from: MessageTree): MessageTree {
  const out = { ...into }
  for (const [key, value] of Object.entries(from)) {
    const old = out[key]
    out[key] = typeof value === 'object' && typeof old === 'object' ? merge(old, value) : value
  }
  return out
}

/** Adds messages of `locale` (deep merge, like vue-i18n's `mergeLocaleMessage`). */
export function mergeMessages(locale: Locale, tree: MessageTree): void {
  messages.value = { ...messages.value, [locale]: merge(messages.value[locale], tree) }
}

/** Makes `locale` the UI language (without remembering it: that is ./instance's `setLocale`). */
export function applyLocale(locale: Locale): void {
  current.value = locale
}

function lookup(tree: MessageTree | undefined, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

const objectToString = Object.prototype.toString
/** How vue-i18n shows an interpolated value: nothing for null, JSON for arrays and objects. */
function display(value: unknown): string {
  if (value == null) return ''
  const plainObject =
    objectToString.call(value) === '[object Object]' &&
    (value as { toString: unknown }).toString === objectToString
  return Array.isArray(value) || plainObject ? JSON.stringify(value, null, 2) : String(value)
}

/** A message's placeholders: `{name}`. Messages hold no other syntax (tests/unit/i18n.test.ts). */
export const PLACEHOLDER = /\{([A-Za-z_]\w*)\}/g
/** Between plural forms: vue-i18n drops the spaces around the bar. */
const PLURAL_BAR = /\s*\|\s*/

/**
 * `message` rendered as vue-i18n 11 renders it: the plural form for the number (`named.count`,
 * else `named.n`, else `plural`; 2 forms: one | other, 3 forms: zero | one | other, none given:
 * the form for 1), then `{name}` filled from `named`, which gets `count` and `n` from `plural`.
 */
export function format(message: string, named: Named = {}, plural?: number): string {
  const forms = message.split(PLURAL_BAR)
  let text = message
  if (forms.length > 1) {
    const n =
      typeof named.count === 'number'
        ? named.count
        : typeof named.n === 'number'
          ? named.n
          : (plural ?? -1)
    const choice = Math.abs(n)
    text = forms[forms.length === 2 ? (choice === 1 ? 0 : 1) : Math.min(choice, 2)] ?? ''
  }
  const values =
    plural === undefined ? named : { ...named, count: named.count || plural, n: named.n || plural }
  return text.replace(PLACEHOLDER, (_, name: string) => display(values[name]))
}

/** The message of `key` in the current locale (else English) rendered; a missing key is itself. */
function t(key: string, namedOrPlural?: Named | number, plural?: number): string {
  const tree = messages.value
  const message = lookup(tree[current.value], key) ?? lookup(tree[FALLBACK], key)
  if (message === undefined) return key
  return typeof namedOrPlural === 'number'
    ? format(message, {}, namedOrPlural)
    : format(message, namedOrPlural, plural)
}

/** The current locale and `t`, whose keys are checked: a typo fails `npm run typecheck`. */
export function useI18n(): { t: Translate; locale: Readonly<Ref<Locale>> } {
  return { t: t as Translate, locale: current }
}
