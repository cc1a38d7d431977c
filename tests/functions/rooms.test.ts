import { FieldValue } from 'firebase-admin/firestore'
import { beforeEach, describe, expect, it } from 'vitest'
import { ROOM_CAPACITY_MAX } from '../../functions/src/domain/limits'
import { toHttpsError } from '../../functions/src/errors'
import { createRoomTx, joinRoomTx, leaveRoomTx } from '../../functions/src/services/rooms'
import { db, ids } from '../support/admin'
import { codeOf, useClients } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { allAtOnce, expectWinners } from '../support/outcome'
import { seedProfile, until } from '../support/market'

const client = useClients()
let users = 0
/** A signed-in client with a claimed username. */
async function user(name: string) {
  const c = await client()
  await c.call('claimUsername', { username: `${name}${++users}` })
  return c
}

beforeEach(clearFirestore)

async function room(roomId: string) {
  return (await db.doc(`rooms/${roomId}`).get()).data()
}
async function events(roomId: string) {
  const snap = await db.collection(`rooms/${roomId}/messages`).where('kind', '==', 'system').get()
  return snap.docs.map((d) => `${d.get('event')}:${d.get('senderId')}`).sort()
}

/** Invariants every room must keep: counts equal documents, within capacity. */
async function expectConsistent(roomId: string) {
  const data = await room(roomId)
  const members = await ids(`rooms/${roomId}/members`)
  expect(data?.memberCount).toBe(members.length)
  expect([...(data?.memberIds as string[])].sort()).toEqual(members)
  if (data?.capacity !== null) expect(members.length).toBeLessThanOrEqual(data?.capacity as number)
  return members
}

describe('createRoom, joinRoom, leaveRoom (callables)', () => {
  it('create: the creator is owner and first member, with a created message', async () => {
    const alice = await user('alice')
    const { roomId } = await alice.call<{ roomId: string }>('createRoom', {
      title: 'Bikes',
      capacity: 4,
    })
    expect(await room(roomId)).toMatchObject({
      kind: 'open',
      title: 'Bikes',
      ownerId: alice.uid,
      capacity: 4,
      hasPassword: false,
      memberIds: [alice.uid],
      memberCount: 1,
    })
    expect((await db.doc(`rooms/${roomId}/members/${alice.uid}`).get()).get('role')).toBe('owner')
    expect(await events(roomId)).toEqual([`created:${alice.uid}`])
  })

  it('create: a password is stored only as a salted scrypt hash in private/secret', async () => {
    const alice = await user('alice')
    const { roomId } = await alice.call<{ roomId: string }>('createRoom', {
      title: 'Secret',
      password: 'hunter22',
    })
    const secret = (await db.doc(`rooms/${roomId}/private/secret`).get()).data()
    expect(secret?.passwordHash).toMatch(/^scrypt\$/)
    expect(JSON.stringify(await room(roomId))).not.toContain('hunter22')
    expect(JSON.stringify(secret)).not.toContain('hunter22')
  })

  it('create: bad input → invalid-argument; no profile → failed-precondition; signed out → unauthenticated', async () => {
    const alice = await user('alice')
    for (const data of [
      {},
      { title: '' },
      { title: 'x'.repeat(61) },
      { title: 'ok', capacity: 1 },
      { title: 'ok', capacity: 2.5 },
      { title: 'ok', extra: 1 },
    ]) {
      expect(await codeOf(alice.call('createRoom', data)), JSON.stringify(data)).toBe(
        'invalid-argument',
      )
    }
    const noProfile = await client()
    expect(await codeOf(noProfile.call('createRoom', { title: 'x' }))).toBe('failed-precondition')
    const signedOut = await client('signed-out')
    expect(await codeOf(signedOut.call('createRoom', { title: 'x' }))).toBe('unauthenticated')
    expect(await ids('rooms')).toEqual([])
  })

  it('join and leave: joined and left messages, counts kept; joining twice is a no-op', async () => {
    const alice = await user('alice')
    const bob = await user('bob')
    const { roomId } = await alice.call<{ roomId: string }>('createRoom', { title: 'Chat' })
    expect(await bob.call('joinRoom', { roomId })).toEqual({ roomId })
    expect(await bob.call('joinRoom', { roomId })).toEqual({ roomId })
    expect(await expectConsistent(roomId)).toEqual([alice.uid, bob.uid].sort())
    expect(await events(roomId)).toEqual([`created:${alice.uid}`, `joined:${bob.uid}`].sort())
    expect(await bob.call('leaveRoom', { roomId })).toEqual({ deleted: false })
    expect(await expectConsistent(roomId)).toEqual([alice.uid])
    expect(await events(roomId)).toEqual(
      [`created:${alice.uid}`, `joined:${bob.uid}`, `left:${bob.uid}`].sort(),
    )
  })

  it('wrong password → permission-denied; right password joins', async () => {
    const alice = await user('alice')
    const bob = await user('bob')
    const { roomId } = await alice.call<{ roomId: string }>('createRoom', {
      title: 'Locked',
      password: 'sesame12',
    })
    expect(await codeOf(bob.call('joinRoom', { roomId }))).toBe('permission-denied')
    expect(await codeOf(bob.call('joinRoom', { roomId, password: 'nope' }))).toBe(
      'permission-denied',
    )
    expect(await expectConsistent(roomId)).toEqual([alice.uid])
    await bob.call('joinRoom', { roomId, password: 'sesame12' })
    expect(await expectConsistent(roomId)).toHaveLength(2)
  })

  it('full → resource-exhausted; unknown room → not-found', async () => {
    const alice = await user('alice')
    const bob = await user('bob')
    const carol = await user('carol')
    const { roomId } = await alice.call<{ roomId: string }>('createRoom', {
      title: 'Pair',
      capacity: 2,
    })
    await bob.call('joinRoom', { roomId })
    expect(await codeOf(carol.call('joinRoom', { roomId }))).toBe('resource-exhausted')
    expect(await codeOf(carol.call('joinRoom', { roomId: 'no-such-room' }))).toBe('not-found')
    expect(await codeOf(carol.call('leaveRoom', { roomId: 'no-such-room' }))).toBe('not-found')
    expect(await expectConsistent(roomId)).toHaveLength(2)
  })

  it('the last member leaving deletes the room with its members, messages, photos, private docs and roster', async () => {
    const alice = await user('alice')
    const { roomId } = await alice.call<{ roomId: string }>('createRoom', {
      title: 'Bye',
      password: 'sesame12',
    })
    await db.collection(`rooms/${roomId}/messages`).add({
      kind: 'text',
      text: 'hi',
      senderId: alice.uid,
      senderName: 'alice',
      createdAt: FieldValue.serverTimestamp(),
    })
    await db.doc(`rooms/${roomId}/photos/p1`).set({
      data: Buffer.from('photo'),
      type: 'image/webp',
      width: 1,
      height: 1,
      createdAt: FieldValue.serverTimestamp(),
    })
    expect(await alice.call('leaveRoom', { roomId })).toEqual({ deleted: true })
    expect(await room(roomId)).toBeUndefined()
    // A roster trigger of the leave may take its lease (private/roster) after the deletion; it
    // deletes it when it finds the room gone (services/roster.ts): nothing stays, eventually.
    for (const sub of ['members', 'messages', 'private', 'photos', 'state'])
      expect(
        await until(
          () => ids(`rooms/${roomId}/${sub}`),
          (left) => !left.length,
        ),
      ).toEqual([])
  })

  it('8 users joining a room of capacity 5 at once through the callable: exactly 5 members', async () => {
    const owner = await user('owner')
    const joiners = await Promise.all(Array.from({ length: 8 }, (_, i) => user(`joiner${i}x`)))
    const { roomId } = await owner.call<{ roomId: string }>('createRoom', {
      title: 'Rush',
      capacity: 5,
    })
    const codes = await allAtOnce(joiners.map((c) => () => c.call('joinRoom', { roomId })))
    expectWinners(codes, 4, 'resource-exhausted')
    const members = await expectConsistent(roomId)
    expect(members).toHaveLength(5)
    const joined = (await events(roomId)).filter((e) => e.startsWith('joined:'))
    expect(joined.map((e) => e.slice('joined:'.length)).sort()).toEqual(
      members.filter((m) => m !== owner.uid).sort(),
    )
  })
})

describe('join transaction (in-process)', () => {
  it('30 users joining a room of capacity 5 at once: exactly 5 members, one joined message each', async () => {
    await seedProfile('owner', 'Owner')
    await Promise.all(Array.from({ length: 30 }, (_, i) => seedProfile(`u${i}`, `user${i}`)))
    const { roomId } = await createRoomTx('owner', { title: 'Rush', capacity: 5, password: null })
    // Whoever lost to contention tries again, as the app does, so the 4 free places all fill.
    const codes = await allAtOnce(
      Array.from({ length: 30 }, (_, i) => () => joinRoomTx(`u${i}`, roomId, null)),
    )
    expectWinners(codes, 4, 'resource-exhausted')
    const members = await expectConsistent(roomId)
    expect(members).toHaveLength(5)
    expect((await room(roomId))?.memberCount).toBe(5)
    const joined = (await events(roomId))
      .filter((e) => e.startsWith('joined:'))
      .map((e) => e.slice(7))
    expect(joined.sort()).toEqual(members.filter((m) => m !== 'owner').sort())
  })

  it(`a room created without a capacity holds ${ROOM_CAPACITY_MAX}, in the room and its public face`, async () => {
    await seedProfile('owner', 'Owner')
    const { roomId } = await createRoomTx('owner', { title: 'Big', capacity: null, password: null })
    expect((await room(roomId))?.capacity).toBe(ROOM_CAPACITY_MAX)
    expect((await db.doc(`publicRooms/${roomId}`).get()).get('capacity')).toBe(ROOM_CAPACITY_MAX)
  })

  it(`an open room stored without a capacity (from before) takes at most ${ROOM_CAPACITY_MAX} members`, async () => {
    await seedProfile('owner', 'Owner')
    await seedProfile('bob', 'Bob')
    const { roomId } = await createRoomTx('owner', { title: 'Old', capacity: null, password: null })
    await db.doc(`rooms/${roomId}`).update({ capacity: null, memberCount: ROOM_CAPACITY_MAX })
    await expect(joinRoomTx('bob', roomId, null)).rejects.toMatchObject({
      code: 'resource-exhausted',
      details: { problem: 'full' },
    })
    expect(await ids(`rooms/${roomId}/members`)).toEqual(['owner'])
  })

  it('the same user joining 10 times at once: one member, one joined message', async () => {
    await seedProfile('owner', 'Owner')
    await seedProfile('bob', 'Bob')
    const { roomId } = await createRoomTx('owner', {
      title: 'Twice',
      capacity: null,
      password: null,
    })
    await Promise.all(
      Array.from({ length: 10 }, () => joinRoomTx('bob', roomId, null).catch(() => null)),
    )
    expect(await expectConsistent(roomId)).toEqual(['bob', 'owner'])
    expect((await events(roomId)).filter((e) => e === 'joined:bob')).toHaveLength(1)
  })

  it('everyone leaving at once deletes the room exactly once and nothing is left behind', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => seedProfile(`m${i}`, `member${i}`)))
    const { roomId } = await createRoomTx('m0', { title: 'Gone', capacity: null, password: null })
    for (let i = 1; i < 6; i++) await joinRoomTx(`m${i}`, roomId, null)
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        leaveRoomTx(`m${i}`, roomId).catch((e: unknown) => toHttpsError(e).code),
      ),
    )
    expect(results.filter((r) => typeof r === 'object' && r.deleted)).toHaveLength(1)
    expect(await room(roomId)).toBeUndefined()
    expect(await ids(`rooms/${roomId}/members`)).toEqual([])
    expect(await ids(`rooms/${roomId}/messages`)).toEqual([])
  })
})
