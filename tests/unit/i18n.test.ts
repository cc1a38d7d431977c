import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  applyLocale,
  type MessageKey,
  type MessageTree,
  mergeMessages,
  PLACEHOLDER,
  useI18n,
} from '@/i18n'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

const dir = new URL('../../src/i18n/messages/', import.meta.url)
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))
const areas = await Promise.all(
  files.map(
    async (file) => (await import(new URL(file, dir).href)) as Record<'en' | 'ko', MessageTree>,
  ),
)

describe('translations', () => {
  files.forEach((file, i) => {
    const mod = areas[i] as Record<'en' | 'ko', MessageTree>
    it(`${file}: Korean and English have the same keys, none empty, only {name} and | as syntax`, () => {
      expect(keys(mod.ko).sort()).toEqual(keys(mod.en).sort())
      for (const locale of [mod.en, mod.ko]) {
        for (const key of keys(locale)) {
          const text = key
            .split('.')
            .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], locale)
          expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true)
          // What t understands (src/i18n/index.ts); anything else would show as raw text.
          const forms = (text as string).split('|')
          expect(forms.length, key).toBeLessThanOrEqual(3)
          for (const form of forms) {
            expect(form.trim(), key).not.toBe('')
            expect(form.replace(PLACEHOLDER, ''), key).not.toMatch(/[{}]/)
          }
        }
      }
    })
  })
})

describe('t renders as vue-i18n 11 did', () => {
  for (const mod of areas) {
    mergeMessages('en', mod.en)
    mergeMessages('ko', mod.ko)
  }
  const { t, locale } = useI18n()
  // Each row: the call, then vue-i18n 11.4.2's output in English and in Korean.
  const rows: [
    MessageKey,
    Record<string, unknown> | number | undefined,
    number | undefined,
    string,
    string,
  ][] = [
    // 3 forms (zero | one | other), implicit {count}
    ['favorites.count', 0, undefined, 'No one saved it yet', '아직 관심 없음'],
    ['favorites.count', 1, undefined, '1 person saved it', '관심 1'],
    ['favorites.count', 5, undefined, '5 people saved it', '관심 5'],
    ['item.chatCount', 2, undefined, '2 people in its chat', '채팅 참여자 2명'],
    // 2 forms (one | other, 0 is other), implicit {count}
    ['notice.unread', 0, undefined, '0 unread notices', '읽지 않은 알림 0개'],
    ['notice.unread', 1, undefined, '1 unread notice', '읽지 않은 알림 1개'],
    ['notice.unread', 3, undefined, '3 unread notices', '읽지 않은 알림 3개'],
    // named and plural
    ['room.newMessages', { count: 1 }, 1, '↓ 1 new message', '↓ 새 메시지 1개'],
    ['room.newMessages', { count: 4 }, 4, '↓ 4 new messages', '↓ 새 메시지 4개'],
    ['room.typing', { names: 'alice' }, 1, 'alice is typing…', 'alice님이 입력 중…'],
    [
      'room.typing',
      { names: 'alice, bob' },
      2,
      'alice, bob are typing…',
      'alice, bob님이 입력 중…',
    ],
    [
      'errors.slowDown',
      { seconds: 30 },
      30,
      'Slow down — try again in 30 seconds.',
      '너무 빨라요. 30초 후에 다시 시도해 주세요.',
    ],
    // a named count chooses the form even without the plural argument
    ['chats.unread', { count: 3 }, undefined, '3 unread', '읽지 않은 메시지 3개'],
    [
      'chat.unreadBy',
      { count: 1 },
      undefined,
      '1 member has not read this',
      '1명이 아직 읽지 않았습니다',
    ],
    // named only
    ['chat.replyingTo', { name: '민수' }, undefined, 'Replying to 민수:', '민수님에게 답장:'],
    ['chat.reactionCount', { emoji: '👍', count: 2 }, undefined, '👍 2', '👍 2'],
    ['photos.count', { count: 2, max: 10 }, undefined, '2 of 10', '2/10'],
    ['nav.chats', undefined, undefined, 'My chats', '내 채팅'],
  ]
  for (const lang of ['en', 'ko'] as const) {
    it(`${lang}: plural forms, named values and the implicit count`, () => {
      applyLocale(lang)
      expect(locale.value).toBe(lang)
      for (const [key, named, plural, en, ko] of rows) {
        const text =
          named === undefined
            ? t(key)
            : typeof named === 'number'
              ? t(key, named)
              : plural === undefined
                ? t(key, named)
                : t(key, named, plural)
        expect(text, `${key} ${JSON.stringify([named, plural])}`).toBe(lang === 'en' ? en : ko)
      }
    })
  }

  it('every message renders in both languages: a text, no key, no braces', () => {
    const anyKey = t as unknown as (
      key: string,
      named: Record<string, unknown>,
      n: number,
    ) => string
    for (const lang of ['en', 'ko'] as const) {
      applyLocale(lang)
      for (const mod of areas) {
        for (const key of keys(mod[lang])) {
          const text = anyKey(key, {}, 2)
          expect(text, key).not.toBe(key)
          expect(text, key).not.toMatch(/[{}|]/)
        }
      }
    }
  })

  it('a key missing in Korean falls back to English; a missing key shows itself', () => {
    mergeMessages('en', { onlyInEnglish: { text: 'English only, {name}' } })
    applyLocale('ko')
    const anyKey = t as unknown as (key: string, named?: Record<string, unknown>) => string
    expect(anyKey('onlyInEnglish.text', { name: 'bob' })).toBe('English only, bob')
    expect(anyKey('no.such.key')).toBe('no.such.key')
    expect(anyKey('nav')).toBe('nav')
  })
})

describe('texts loaded with their pages', () => {
  // The first load holds the message modules src/i18n/locales/en.ts imports; every other module
  // (messages/x.ts) is merged in by src/i18n/xMessages.ts, which a component showing its texts
  // must import: otherwise the text shows as its key until some other page has loaded it.
  const src = new URL('../../src/', import.meta.url)
  const firstLoad = [
    ...readFileSync(new URL('i18n/locales/en.ts', src), 'utf8').matchAll(/messages\/(\w+)\?/g),
  ].map((m) => `${m[1]}.ts`)
  const firstKeys = new Set(
    files.flatMap((file, i) => (firstLoad.includes(file) ? keys(areas[i]?.en) : [])),
  )
  const laterModule = new Map<string, string>()
  files.forEach((file, i) => {
    if (!firstLoad.includes(file))
      for (const key of keys(areas[i]?.en)) laterModule.set(key, file.replace(/\.ts$/, ''))
  })
  const components = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.vue'))
    .map((f) => [f, readFileSync(new URL(f, src), 'utf8')] as const)

  it('every component that shows a text loaded later imports its messages module', () => {
    expect(components.length).toBeGreaterThan(20)
    const missing: string[] = []
    for (const [file, code] of components) {
      // Static keys ('a.b') and the prefixes of built ones (`a.${x}`).
      for (const [, key] of code.matchAll(/['`]([a-zA-Z]+(?:\.[\w-]+)+)(?:'|`|\.\$\{)/g)) {
        if (!key || firstKeys.has(key)) continue
        const module =
          laterModule.get(key) ??
          [...laterModule].find(([later]) => later.startsWith(`${key}.`))?.[1]
        if (module && !code.includes(`@/i18n/${module}Messages'`)) missing.push(`${file}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })
})
