import { describe, expect, it } from 'vitest'
import {
  parseClaimUsername,
  parseCreateRoom,
  parseJoinRoom,
  parseLeaveRoom,
  parseOpenItemRoom,
  parseReviewDeal,
} from '@domain/inputs'
import {
  ROOM_CAPACITY_MAX,
  ROOM_CAPACITY_MIN,
  ROOM_PASSWORD_MIN_LENGTH,
  ROOM_TITLE_MAX_LENGTH,
} from '@domain/limits'

describe('callable inputs', () => {
  it('parseClaimUsername normalises a good name and refuses bad shapes', () => {
    expect(parseClaimUsername({ username: 'ａｌｉｃｅ' })).toEqual({
      ok: true,
      value: { username: 'alice' },
    })
    expect(parseClaimUsername({})).toEqual({ ok: true, value: {} })
    expect(parseClaimUsername({ username: 5 })).toMatchObject({ ok: false, problem: 'wrong-type' })
    expect(parseClaimUsername({ username: 'alice', extra: 1 })).toMatchObject({
      ok: false,
      problem: 'unknown-key',
    })
    expect(parseClaimUsername('alice')).toMatchObject({ ok: false, problem: 'not-an-object' })
    expect(parseClaimUsername([])).toMatchObject({ ok: false, problem: 'not-an-object' })
    expect(parseClaimUsername(JSON.parse('{"__proto__": {"x": 1}}'))).toMatchObject({ ok: false })
  })

  it('parseCreateRoom checks title, capacity and password at their bounds', () => {
    expect(parseCreateRoom({ title: 'Hi' })).toEqual({
      ok: true,
      value: { title: 'Hi', capacity: null, password: null },
    })
    expect(parseCreateRoom({ title: '' })).toMatchObject({ ok: false, field: 'title' })
    expect(parseCreateRoom({ title: '   ' })).toMatchObject({ ok: false, problem: 'blank' })
    expect(parseCreateRoom({ title: 'x'.repeat(ROOM_TITLE_MAX_LENGTH) }).ok).toBe(true)
    expect(parseCreateRoom({ title: 'x'.repeat(ROOM_TITLE_MAX_LENGTH + 1) }).ok).toBe(false)
    expect(parseCreateRoom({ title: 't', capacity: ROOM_CAPACITY_MIN }).ok).toBe(true)
    expect(parseCreateRoom({ title: 't', capacity: ROOM_CAPACITY_MIN - 1 }).ok).toBe(false)
    expect(parseCreateRoom({ title: 't', capacity: ROOM_CAPACITY_MAX }).ok).toBe(true)
    expect(parseCreateRoom({ title: 't', capacity: ROOM_CAPACITY_MAX + 1 }).ok).toBe(false)
    expect(parseCreateRoom({ title: 't', capacity: 2.5 })).toMatchObject({
      problem: 'not-an-integer',
    })
    expect(parseCreateRoom({ title: 't', capacity: '5' })).toMatchObject({ problem: 'wrong-type' })
    const tooShort = 'x'.repeat(ROOM_PASSWORD_MIN_LENGTH - 1)
    expect(parseCreateRoom({ title: 't', password: tooShort })).toMatchObject({ field: 'password' })
    expect(parseCreateRoom({ title: 't', password: 'abcdef' }).ok).toBe(true)
    expect(ROOM_PASSWORD_MIN_LENGTH).toBe(6)
  })

  it('ids must be short, plain strings', () => {
    expect(parseJoinRoom({ roomId: 'abc' }).ok).toBe(true)
    expect(parseJoinRoom({ roomId: '../x' }).ok).toBe(false)
    expect(parseJoinRoom({ roomId: 'a'.repeat(129) }).ok).toBe(false)
    expect(parseLeaveRoom({ roomId: 1 }).ok).toBe(false)
    expect(parseOpenItemRoom({ itemId: 'item1' }).ok).toBe(true)
    expect(parseOpenItemRoom({ itemId: 'a/b' }).ok).toBe(false)
  })

  it('parseReviewDeal: a review text is visible text (it shows on public profiles)', () => {
    const review = (text: string) => parseReviewDeal({ dealId: 'd1', rating: 'great', text })
    expect(review('Thanks, as described!').ok).toBe(true)
    expect(review('').ok).toBe(true)
    expect(review('\u200B\u200B')).toMatchObject({ field: 'text', problem: 'blank' })
    expect(review('pay at https://ex.com/\u202Egpj.exe')).toMatchObject({
      field: 'text',
      problem: 'invalid-characters',
    })
    expect(review('a\u0301\u0301\u0301\u0301\u0301')).toMatchObject({
      problem: 'invalid-characters',
    })
  })
})
