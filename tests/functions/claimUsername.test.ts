import { beforeEach, describe, expect, it } from 'vitest'
import { createRoomTx } from '../../functions/src/services/rooms'
import { claimUsernameTx } from '../../functions/src/services/usernames'
import { db, ids } from '../support/admin'
import { codeOf, useClients } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { allAtOnce, expectWinners } from '../support/outcome'

const client = useClients()

beforeEach(clearFirestore)

describe('claimUsername (callable)', () => {
  it('refuses a signed-out caller with unauthenticated', async () => {
    const anon = await client('signed-out')
    expect(await codeOf(anon.call('claimUsername', { username: 'alice' }))).toBe('unauthenticated')
    expect(await ids('usernames')).toEqual([])
  })

  it('refuses bad shapes with invalid-argument and writes nothing', async () => {
    const c = await client()
    const bad: unknown[] = [
      { username: 5 },
      { username: 'a' },
      { username: 'x'.repeat(21) },
      { username: 'admin' },
      { username: 'al ice' },
      { username: 'alice홍' },
      { username: 'alice', extra: true },
      'alice',
      [],
      {},
    ]
    for (const data of bad) {
      expect(await codeOf(c.call('claimUsername', data)), JSON.stringify(data)).toBe(
        'invalid-argument',
      )
    }
    expect(await ids('usernames')).toEqual([])
    expect(await ids('users')).toEqual([])
  })

  it('claims a name: usernames/{key} and users/{uid} written, no email stored', async () => {
    const c = await client()
    const result = await c.call('claimUsername', { username: 'Alice' })
    expect(result).toEqual({ username: 'Alice', usernameKey: 'alice' })
    expect((await db.doc('usernames/alice').get()).data()).toEqual({
      uid: c.uid,
      username: 'Alice',
    })
    const user = (await db.doc(`users/${c.uid}`).get()).data()
    expect(user).toMatchObject({ username: 'Alice', usernameKey: 'alice', isGuest: false })
    expect(user?.color).toMatch(/^#[0-9a-f]{6}$/)
    expect(JSON.stringify(user)).not.toContain('@')
  })

  it('refuses a taken name in another case or width with already-exists', async () => {
    const a = await client()
    const b = await client()
    await a.call('claimUsername', { username: 'Alice' })
    expect(await codeOf(b.call('claimUsername', { username: 'ALICE' }))).toBe('already-exists')
    expect(await codeOf(b.call('claimUsername', { username: 'ａｌｉｃｅ' }))).toBe('already-exists')
    expect(await ids('users')).toEqual([a.uid])
  })

  it('gives a guest a generated name and a colour', async () => {
    const g = await client('guest')
    const result = await g.call<{ username: string }>('claimUsername', {})
    expect(result.username).toMatch(/^guest_\d{9}$/)
    expect((await db.doc(`users/${g.uid}`).get()).data()).toMatchObject({ isGuest: true })
    // Calling again keeps the same name.
    expect(await g.call('claimUsername', {})).toEqual(result)
  })

  it('renames: the old name is released for someone else', async () => {
    const a = await client()
    const b = await client()
    await a.call('claimUsername', { username: 'first' })
    await a.call('claimUsername', { username: 'second' })
    expect(await ids('usernames')).toEqual(['second'])
    expect((await db.doc(`users/${a.uid}`).get()).data()).toMatchObject({ username: 'second' })
    await b.call('claimUsername', { username: 'First' })
    expect((await db.doc('usernames/first').get()).data()).toEqual({
      uid: b.uid,
      username: 'First',
    })
  })

  it('8 concurrent claims of one name through the callable: exactly one wins', async () => {
    const racers = await Promise.all(Array.from({ length: 8 }, () => client()))
    const names = ['Racer', 'RACER', 'racer', 'ｒａｃｅｒ', 'ＲＡＣＥＲ', 'RaCeR', 'rAcEr', 'Racer']
    const codes = await allAtOnce(
      racers.map((c, i) => () => c.call('claimUsername', { username: names[i] })),
    )
    expectWinners(codes, 1, 'already-exists')
    expect(await ids('usernames')).toEqual(['racer'])
    expect(await ids('users')).toHaveLength(1)
  })
})

describe('claimUsername transaction (in-process)', () => {
  it('a guest whose generated names are taken 12 times in a row still gets a free one', async () => {
    const taken = Array.from({ length: 12 }, (_, i) => `guest_${String(i).padStart(9, '0')}`)
    for (const [i, name] of taken.entries())
      await claimUsernameTx({ uid: `g${i}`, isGuest: true, username: name })
    const draws = [...taken, 'guest_123456789']
    const result = await claimUsernameTx({
      uid: 'newcomer',
      isGuest: true,
      nextGuestName: () => draws.shift() as string,
    })
    expect(result.username).toBe('guest_123456789')
    expect(draws).toEqual([])
    expect((await db.doc('users/newcomer').get()).get('username')).toBe('guest_123456789')
  })

  it("a rename renames the member docs of the user's rooms in the same transaction", async () => {
    await claimUsernameTx({ uid: 'u1', isGuest: false, username: 'before' })
    const { roomId } = await createRoomTx('u1', { title: 'Room', capacity: null, password: null })
    await claimUsernameTx({ uid: 'u1', isGuest: false, username: 'After' })
    expect((await db.doc(`rooms/${roomId}/members/u1`).get()).get('username')).toBe('After')
    expect(await ids('usernames')).toEqual(['after'])
  })

  it('20 concurrent claims of one name in different case and width: exactly one wins', async () => {
    const names = ['Racer', 'RACER', 'racer', 'ｒａｃｅｒ', 'ＲＡＣＥＲ']
    const codes = await allAtOnce(
      Array.from(
        { length: 20 },
        (_, i) => () =>
          claimUsernameTx({ uid: `racer-${i}`, isGuest: false, username: names[i % names.length] }),
      ),
    )
    expectWinners(codes, 1, 'already-exists')
    expect(await ids('usernames')).toEqual(['racer'])
    const owner = (await db.doc('usernames/racer').get()).data()?.uid as string
    expect(await ids('users')).toEqual([owner])
  })

  it('20 concurrent renames between free names keep one name per user', async () => {
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        claimUsernameTx({ uid: `u${i}`, isGuest: false, username: `start${i}` }),
      ),
    )
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        claimUsernameTx({ uid: `u${i % 4}`, isGuest: false, username: `name${i % 6}` }).catch(
          () => null,
        ),
      ),
    )
    const names = await db.collection('usernames').get()
    const users = await db.collection('users').get()
    expect(names.size).toBe(4)
    for (const user of users.docs) {
      const key = user.data().usernameKey as string
      expect((await db.doc(`usernames/${key}`).get()).data()?.uid).toBe(user.id)
    }
  })
})
