import { describe, expect, it } from 'vitest'
import { logAction, waitForSlot } from '@domain/rateLimits'

describe('sliding rate-limit logs', () => {
  const window = 1_000

  it('lets `max` actions in per window, then says how long to wait', () => {
    let log: number[] = []
    for (const at of [0, 100, 200]) {
      expect(waitForSlot(log, at, 3, window)).toBe(0)
      log = logAction(log, at, 3, window)
    }
    expect(waitForSlot(log, 300, 3, window)).toBe(700)
    expect(waitForSlot(log, 1_000, 3, window)).toBe(0)
  })

  it('counts an action logged at a later time than `now` (a concurrent call that began later committed first)', () => {
    // Two calls began at 100 and 200; the later one committed first.
    const log = logAction([0], 200, 2, window)
    expect(waitForSlot(log, 100, 2, window)).toBe(900)
    expect(logAction(log, 100, 3, window)).toEqual([0, 100, 200])
  })
})
