import { describe, expect, it } from 'vitest'
import { directItemStatuses, nextItemStatuses, parsePrice } from '@domain/items'
import { formatPrice } from '@/lib/price'

describe('items', () => {
  it('status moves: available → reserved | sold, reserved → available | sold, sold is final', () => {
    expect(nextItemStatuses('available')).toEqual(['reserved', 'sold'])
    expect(nextItemStatuses('reserved')).toEqual(['available', 'sold'])
    expect(nextItemStatuses('sold')).toEqual([])
    expect(directItemStatuses('available')).toEqual(['reserved'])
    expect(directItemStatuses('reserved')).toEqual(['available'])
  })

  it('parsePrice reads whole won with separators and refuses anything else', () => {
    expect(parsePrice('50000')).toBe(50000)
    expect(parsePrice('50,000원')).toBe(50000)
    expect(parsePrice('₩ 1 000')).toBe(1000)
    expect(parsePrice('0')).toBe(0)
    expect(parsePrice('-5')).toBe(-5)
    expect(parsePrice('12.5')).toBeNaN()
    expect(parsePrice('12.5k')).toBeNaN()
    expect(parsePrice('')).toBeNaN()
    expect(parsePrice('  ')).toBeNaN()
  })
})

describe('formatPrice', () => {
  it('writes won as Korean readers do (25,000원) and as English readers do (₩25,000)', () => {
    expect(formatPrice(25000, 'ko')).toBe('25,000원')
    expect(formatPrice(1_000_000_000, 'ko-KR')).toBe('1,000,000,000원')
    expect(formatPrice(25000, 'en')).toBe('₩25,000')
    expect(formatPrice(0, 'en-US')).toBe('₩0')
  })
})
