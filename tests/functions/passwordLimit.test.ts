// Room-password guessing is limited: PASSWORD_ATTEMPTS_MAX wrong passwords per user and room
// within PASSWORD_ATTEMPT_WINDOW_MS, then `resource-exhausted` until the window has passed.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import {
  PASSWORD_ATTEMPTS_MAX,
  PASSWORD_ATTEMPT_WINDOW_MS,
} from '../../functions/src/domain/limits'
import { toHttpsError } from '../../functions/src/errors'
import { createRoomTx, joinRoomTx } from '../../functions/src/services/rooms'
import { claimUsernameTx } from '../../functions/src/services/usernames'
import { db, ids } from '../support/admin'
import { type TestClient, codeOf, newClient } from '../support/clients'
import { clearFirestore } from '../support/emulators'

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0)
const MINUTE = 60_000

const clients: TestClient[] = []
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
})

let roomId: string
beforeEach(async () => {
  await clearFirestore()
  for (const name of ['owner', 'guesser', 'other']) {
    await claimUsernameTx({ uid: name, isGuest: false, username: name })
  }
  roomId = (await createRoomTx('owner', { title: 'Locked', capacity: null, password: 'right-one' }))
    .roomId
})

/** The error code of an in-process join at `now`, or 'ok'. */
function join(uid: string, password: string | null, now: number, room = roomId): Promise<string> {
  return joinRoomTx(uid, room, password, now).then(
    () => 'ok',
    (error: unknown) => toHttpsError(error).code,
  )
}

describe('password guessing (transaction, controlled clock)', () => {
  it(`${PASSWORD_ATTEMPTS_MAX} wrong passwords, then resource-exhausted even for the right one until the window passes`, async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS_MAX; i++) {
      expect(await join('guesser', `wrong-${i}`, T0 + i * MINUTE)).toBe('permission-denied')
    }
    const locked = T0 + PASSWORD_ATTEMPTS_MAX * MINUTE
    expect(await join('guesser', 'right-one', locked)).toBe('resource-exhausted')
    expect(await join('guesser', 'wrong-again', locked)).toBe('resource-exhausted')
    expect(await join('guesser', 'right-one', T0 + PASSWORD_ATTEMPT_WINDOW_MS - 1)).toBe(
      'resource-exhausted',
    )
    expect(await ids(`rooms/${roomId}/members`)).toEqual(['owner'])
    expect(await join('guesser', 'right-one', T0 + PASSWORD_ATTEMPT_WINDOW_MS)).toBe('ok')
    expect(await ids(`rooms/${roomId}/members`)).toEqual(['guesser', 'owner'])
  })

  it('tells how long to wait', async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS_MAX; i++) await join('guesser', 'nope', T0)
    try {
      await joinRoomTx('guesser', roomId, 'right-one', T0 + 3 * MINUTE)
      expect.unreachable('the join should have been refused')
    } catch (error) {
      expect(toHttpsError(error).details).toMatchObject({
        problem: 'too-many-attempts',
        retryAfterMs: PASSWORD_ATTEMPT_WINDOW_MS - 3 * MINUTE,
      })
    }
  })

  it(`${PASSWORD_ATTEMPTS_MAX - 1} wrong passwords leave the right one working`, async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS_MAX - 1; i++) {
      expect(await join('guesser', 'nope', T0 + i)).toBe('permission-denied')
    }
    expect(await join('guesser', 'right-one', T0 + MINUTE)).toBe('ok')
  })

  it('wrong passwords spread over more than the window never lock', async () => {
    const step = PASSWORD_ATTEMPT_WINDOW_MS / (PASSWORD_ATTEMPTS_MAX - 1) + 1
    for (let i = 0; i < PASSWORD_ATTEMPTS_MAX * 3; i++) {
      expect(await join('guesser', 'nope', T0 + i * step)).toBe('permission-denied')
    }
  })

  it('the limit is per user and per room', async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS_MAX; i++) await join('guesser', 'nope', T0)
    expect(await join('guesser', 'right-one', T0)).toBe('resource-exhausted')
    expect(await join('other', 'right-one', T0)).toBe('ok')
    const second = await createRoomTx('owner', {
      title: 'Two',
      capacity: null,
      password: 'two-two',
    })
    expect(await join('guesser', 'two-two', T0, second.roomId)).toBe('ok')
  })

  it('a join without a password is refused but not counted', async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS_MAX * 2; i++) {
      expect(await join('guesser', null, T0)).toBe('permission-denied')
    }
    expect(await join('guesser', 'right-one', T0)).toBe('ok')
  })

  it('10 concurrent wrong guesses: at most the limit are checked, the rest refused', async () => {
    const codes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => join('guesser', `guess-${i}`, T0)),
    )
    const denied = codes.filter((c) => c === 'permission-denied').length
    expect(denied, codes.join()).toBeLessThanOrEqual(PASSWORD_ATTEMPTS_MAX)
    expect(
      codes.every((c) => ['permission-denied', 'resource-exhausted', 'aborted'].includes(c)),
      codes.join(),
    ).toBe(true)
    expect(await join('guesser', 'right-one', T0 + MINUTE)).toBe(
      denied === PASSWORD_ATTEMPTS_MAX ? 'resource-exhausted' : 'ok',
    )
    const attempts = (await db.doc(`rooms/${roomId}/private/attempts-guesser`).get()).data()
    expect(attempts?.count).toBe(denied)
  })
})

describe('password guessing (callable, real clock)', () => {
  it(`the ${PASSWORD_ATTEMPTS_MAX + 1}th guess is refused with resource-exhausted`, async () => {
    const owner = await newClient()
    const guesser = await newClient()
    clients.push(owner, guesser)
    await owner.call('claimUsername', { username: 'realowner' })
    await guesser.call('claimUsername', { username: 'realguesser' })
    const { roomId: room } = await owner.call<{ roomId: string }>('createRoom', {
      title: 'Vault',
      password: 'open-sesame',
    })
    for (let i = 0; i < PASSWORD_ATTEMPTS_MAX; i++) {
      expect(await codeOf(guesser.call('joinRoom', { roomId: room, password: `no-${i}` }))).toBe(
        'permission-denied',
      )
    }
    expect(await codeOf(guesser.call('joinRoom', { roomId: room, password: 'open-sesame' }))).toBe(
      'resource-exhausted',
    )
    expect(await ids(`rooms/${room}/members`)).toEqual([owner.uid])
  })
})
