import { describe, expect, it } from 'vitest'
import { KEYWORDS_MAX, KEYWORD_PREFIX_MAX } from '@domain/limits'
import { itemKeywords, matchesAllTerms, searchTerms } from '@domain/search'

const finds = (search: string, title: string, description = '') =>
  matchesAllTerms(itemKeywords(title, description), searchTerms(search))

describe('search keywords', () => {
  it('Korean: the start of a word finds it', () => {
    expect(finds('자전', '접이식 자전거')).toBe(true)
    expect(finds('자', '접이식 자전거')).toBe(true)
    expect(finds('접이식 자전거', '접이식 자전거')).toBe(true)
    expect(finds('전거', '접이식 자전거')).toBe(false)
  })

  it('Latin: case- and width-insensitive, by the start of a word', () => {
    expect(finds('bike', 'Road Bike')).toBe(true)
    expect(finds('BIKE', 'Road Bike')).toBe(true)
    expect(finds('ｂｉｋｅ', 'Road Bike')).toBe(true)
    expect(finds('bike', 'ＲＯＡＤ ＢＩＫＥ')).toBe(true)
    expect(finds('ike', 'Road Bike')).toBe(false)
  })

  it('words of the description count; several words narrow the result', () => {
    expect(finds('gears', 'Road Bike', 'Blue, 21 gears.')).toBe(true)
    expect(finds('road blue', 'Road Bike', 'Blue, 21 gears.')).toBe(true)
    expect(finds('road red', 'Road Bike', 'Blue, 21 gears.')).toBe(false)
    expect(finds('21', 'Road Bike', 'Blue, 21 gears.')).toBe(true)
  })

  it('the longest word goes to the query; repeated words once; punctuation ignored', () => {
    expect(searchTerms('  bike,  자전거!! bike ')).toEqual(['bike', '자전거'])
    expect(searchTerms('')).toEqual([])
  })

  it('long words are indexed and searched by their first KEYWORD_PREFIX_MAX characters', () => {
    const long = 'supercalifragilistic'
    expect(itemKeywords(long, '')).toHaveLength(KEYWORD_PREFIX_MAX)
    expect(finds(long, long)).toBe(true)
  })

  it('at most KEYWORDS_MAX keywords, the title first', () => {
    const description = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ')
    const keywords = itemKeywords('Road Bike', description)
    expect(keywords).toHaveLength(KEYWORDS_MAX)
    expect(keywords.slice(0, 4)).toEqual(['r', 'ro', 'roa', 'road'])
  })
})
