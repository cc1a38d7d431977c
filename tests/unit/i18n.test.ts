import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

const dir = new URL('../../src/i18n/messages/', import.meta.url)

describe('translations', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    it(`${file}: Korean and English have the same keys, none empty`, async () => {
      const mod = (await import(new URL(file, dir).href)) as { en: object; ko: object }
      expect(keys(mod.ko).sort()).toEqual(keys(mod.en).sort())
      for (const locale of [mod.en, mod.ko]) {
        for (const key of keys(locale)) {
          const text = key
            .split('.')
            .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], locale)
          expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true)
        }
      }
    })
  }
})
