import { describe, expect, it } from 'vitest'
import { applyLocale, mergeMessages, useI18n } from '@/i18n'
import { type FieldBounds, fieldMessage } from '@/lib/fieldMessage'
import * as common from '@/i18n/messages/common'

mergeMessages('en', common.en)
mergeMessages('ko', common.ko)
const { t } = useI18n()

const title: FieldBounds = { kind: 'text', min: 1, max: 60 }
const password: FieldBounds = { kind: 'text', min: 4, max: 64 }
const capacity: FieldBounds = { kind: 'number', min: 2, max: 100 }

describe('fieldMessage', () => {
  for (const locale of ['en', 'ko'] as const) {
    it(`${locale}: every problem a form can meet has a translated message with its bounds`, () => {
      applyLocale(locale)
      const cases: [string, FieldBounds, string][] = [
        ['blank', title, locale === 'en' ? 'Cannot be only spaces.' : '공백만 입력할 수 없습니다.'],
        ['out-of-range', title, '60'],
        ['out-of-range', password, '4'],
        ['out-of-range', capacity, '100'],
        ['wrong-type', capacity, locale === 'en' ? 'whole number' : '정수'],
        ['not-an-integer', capacity, locale === 'en' ? 'whole number' : '정수'],
        ['invalid-characters', title, locale === 'en' ? 'cannot be saved' : '저장할 수 없는'],
        ['unknown-key', title, locale === 'en' ? 'Invalid value.' : '올바르지 않은 값입니다.'],
      ]
      for (const [problem, bounds, expected] of cases) {
        const text = fieldMessage(t, problem, bounds)
        expect(text, problem).toContain(expected)
        expect(text, problem).not.toMatch(/^field\./)
      }
    })
  }

  it('no problem, no message', () => {
    expect(fieldMessage(t, null, title)).toBeNull()
    expect(fieldMessage(t, undefined, capacity)).toBeNull()
  })
})
