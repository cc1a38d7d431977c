import { describe, expect, it } from 'vitest'
import {
  NOTICE_ROUNDS_PER_WINDOW,
  NOTICE_WINDOW_MS,
  type NoticeState,
  noticeDecision,
  noticeKind,
} from '@domain/notices'

const at = (price: number, status: 'available' | 'reserved' | 'sold' = 'available') => ({
  price,
  status,
})

describe('favourite notices: what is news', () => {
  it('a drop of an available item, or reserved → available; nothing else', () => {
    expect(noticeKind(at(100), at(90))).toBe('price-drop')
    expect(noticeKind(at(100), at(90), 95)).toBe('price-drop')
    expect(noticeKind(at(100), at(90), 90)).toBe(null)
    expect(noticeKind(at(100, 'reserved'), at(100))).toBe('available')
    // Reopened at a price already announced: still news that it is available.
    expect(noticeKind(at(100, 'reserved'), at(90), 80)).toBe('available')
    expect(noticeKind(at(100), at(110))).toBe(null)
    expect(noticeKind(at(100), at(90, 'reserved'))).toBe(null)
    expect(noticeKind(at(100, 'reserved'), at(90, 'sold'))).toBe(null)
    expect(noticeKind(at(100), at(100))).toBe(null)
  })

  it(`at most ${NOTICE_ROUNDS_PER_WINDOW} rounds per window; a redelivery repeats its round`, () => {
    let state: NoticeState | null = null
    let rounds = 0
    for (let i = 0; i < 20; i++) {
      const d = noticeDecision(at(1000 - i), at(999 - i), state, `e${i}`, i)
      if (d.notify) {
        rounds++
        state = d.state
        const again = noticeDecision(at(1000 - i), at(999 - i), state, `e${i}`, i)
        expect(again).toMatchObject({ notify: true, redelivered: true, kind: 'price-drop' })
      }
    }
    expect(rounds).toBe(NOTICE_ROUNDS_PER_WINDOW)
    const next = noticeDecision(at(500), at(400), state, 'n', NOTICE_WINDOW_MS)
    expect(next).toMatchObject({ notify: true, state: { rounds: 1, lowestPrice: 400 } })
    expect(noticeDecision(at(500), at(400), state, 'old', -1)).toEqual({
      notify: false,
      reason: 'stale',
    })
  })
})
