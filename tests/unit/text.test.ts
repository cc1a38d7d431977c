import { describe, expect, it } from 'vitest'
import {
  itemDescriptionProblem,
  itemTitleProblem,
  messageTextProblem,
  roomTitleProblem,
} from '@domain/inputs'
import { hasBidiControl, hasTooManyMarks, isInvisibleText } from '@domain/text'
import { REFUSED_SAMPLES, VISIBLE_SAMPLES } from '../support/textSamples'
import {
  BIDI_CONTROL_RANGES,
  COMBINING_MARK_RANGES,
  INVISIBLE_RANGES,
  MARK_JOINER_RANGES,
  type Ranges,
} from '../support/unicodeRanges'

const inRanges = (list: Ranges, cp: number) => list.some(([lo, hi]) => cp >= lo && cp <= hi)

/** Every assigned code point (surrogates excluded) matching `re`. */
function codePoints(re: RegExp): number[] {
  const found: number[] = []
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    if (re.test(String.fromCodePoint(cp))) found.push(cp)
  }
  return found
}

describe('visible text', () => {
  it('accepts Korean, emoji sequences, newlines and a few marks per letter everywhere', () => {
    for (const text of VISIBLE_SAMPLES) {
      expect(messageTextProblem(text), JSON.stringify(text)).toBeNull()
      expect(itemDescriptionProblem(text), JSON.stringify(text)).toBeNull()
    }
    for (const text of VISIBLE_SAMPLES.filter((s) => s.length <= 60)) {
      expect(roomTitleProblem(text), JSON.stringify(text)).toBeNull()
      expect(itemTitleProblem(text), JSON.stringify(text)).toBeNull()
    }
  })

  it('refuses invisible-only text, direction controls and stacked marks everywhere', () => {
    for (const text of REFUSED_SAMPLES) {
      expect(messageTextProblem(text), JSON.stringify(text)).not.toBeNull()
      expect(itemDescriptionProblem(text), JSON.stringify(text)).not.toBeNull()
      expect(roomTitleProblem(text), JSON.stringify(text)).not.toBeNull()
      expect(itemTitleProblem(text), JSON.stringify(text)).not.toBeNull()
    }
  })

  it('names the problem: blank for nothing visible, invalid-characters for the rest', () => {
    expect(messageTextProblem('\u200b'.repeat(2000))).toBe('blank')
    expect(messageTextProblem('\u3164')).toBe('blank')
    expect(messageTextProblem('https://ex.com/\u202egpj.exe')).toBe('invalid-characters')
    expect(messageTextProblem('a' + '\u0301'.repeat(1999))).toBe('invalid-characters')
    expect(messageTextProblem('a' + '\u0301'.repeat(4))).toBeNull()
    // A description may be empty, but not invisible.
    expect(itemDescriptionProblem('')).toBeNull()
    expect(itemDescriptionProblem('\u200b')).toBe('blank')
  })

  it('the invisible set covers every Cc, Cf, Z and Default_Ignorable_Code_Point, and U+2800', () => {
    const missing = codePoints(/[\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]/u).filter(
      (cp) => !inRanges(INVISIBLE_RANGES, cp),
    )
    expect(missing.map((cp) => cp.toString(16))).toEqual([])
    expect(isInvisibleText('\u2800')).toBe(true)
  })

  it('the invisible set holds nothing else that can be seen', () => {
    const visible = INVISIBLE_RANGES.flatMap(([lo, hi]) =>
      Array.from({ length: hi - lo + 1 }, (_, i) => lo + i),
    ).filter(
      (cp) =>
        cp !== 0x2800 &&
        !/[\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]/u.test(String.fromCodePoint(cp)),
    )
    expect(visible.map((cp) => cp.toString(16))).toEqual([])
  })

  it('the combining mark ranges are exactly General_Category M of this runtime', () => {
    const marks = codePoints(/\p{M}/u)
    expect(marks.filter((cp) => !inRanges(COMBINING_MARK_RANGES, cp))).toEqual([])
    const listed = COMBINING_MARK_RANGES.reduce((n, [lo, hi]) => n + hi - lo + 1, 0)
    expect(listed).toBe(marks.length)
  })

  it('bidi controls are refused anywhere, and only those', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(hasBidiControl(`ok${String.fromCodePoint(cp)}ok`)).toBe(true)
      expect(inRanges(BIDI_CONTROL_RANGES, cp)).toBe(true)
    }
    expect(hasBidiControl('ok\u200fok')).toBe(false)
  })

  it('marks are counted per character, through joiners', () => {
    expect(hasTooManyMarks('a\u0301\u0301\u0301\u0301 b\u0301\u0301\u0301\u0301')).toBe(false)
    expect(hasTooManyMarks('a\u0301\u0301\u200d\u0301\u0301\u0301')).toBe(true)
  })

  it("this runtime's regexes match exactly the ranges firestore.rules spells out", () => {
    const table = (list: Ranges) => {
      const t = new Uint8Array(0x110000)
      for (const [lo, hi] of list) t.fill(1, lo, hi + 1)
      return t
    }
    const [invisible, bidi, mark, joiner] = [
      INVISIBLE_RANGES,
      BIDI_CONTROL_RANGES,
      COMBINING_MARK_RANGES,
      MARK_JOINER_RANGES,
    ].map(table) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    const differ: string[] = []
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      const ch = String.fromCodePoint(cp)
      const hex = cp.toString(16)
      if (isInvisibleText(ch) !== (invisible[cp] === 1)) differ.push(`invisible ${hex}`)
      if (hasBidiControl(ch) !== (bidi[cp] === 1)) differ.push(`bidi ${hex}`)
      if (hasTooManyMarks(`a${ch.repeat(5)}`) !== (mark[cp] === 1)) differ.push(`mark ${hex}`)
      const keepsRun = joiner[cp] === 1 || mark[cp] === 1
      if (keepsRun !== hasTooManyMarks(`a\u0301\u0301${ch}\u0301\u0301\u0301`))
        differ.push(`joiner ${hex}`)
    }
    expect(differ).toEqual([])
  }, 30_000)
})
