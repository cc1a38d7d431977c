import { beforeEach, describe, expect, it } from 'vitest'
import { createRoomTx } from '../../functions/src/services/rooms'
import { claimUsernameTx } from '../../functions/src/services/usernames'
import { USERNAME_HOLD_MS } from '../../functions/src/domain/limits'
import { db, ids } from '../support/admin'
import { itemData, seedProfile } from '../support/market'
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
    // The key is the name's skeleton (issue 9: i and l are one letter), the name stays as typed.
    expect(result).toEqual({ username: 'Alice', usernameKey: 'allce' })
    expect((await db.doc('usernames/allce').get()).data()).toEqual({
      uid: c.uid,
      username: 'Alice',
    })
    const user = (await db.doc(`users/${c.uid}`).get()).data()
    expect(user).toMatchObject({ username: 'Alice', usernameKey: 'allce', isGuest: false })
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

  it('refuses a look-alike of a taken name with already-exists', async () => {
    const a = await client()
    const b = await client()
    await a.call('claimUsername', { username: 'alice' })
    for (const username of ['aIice', 'a1ice', 'ALlCE']) {
      expect(await codeOf(b.call('claimUsername', { username })), username).toBe('already-exists')
    }
    expect(await ids('users')).toEqual([a.uid])
  })

  it('renames: the old name is held for its last owner, who may take it back', async () => {
    // Issue 9 replaced "released for someone else at once" with a 30-day hold (tested below).
    const a = await client()
    const b = await client()
    await a.call('claimUsername', { username: 'first' })
    await a.call('claimUsername', { username: 'second' })
    expect((await db.doc(`users/${a.uid}`).get()).data()).toMatchObject({ username: 'second' })
    expect((await db.doc('usernames/flrst').get()).data()).toMatchObject({
      uid: a.uid,
      username: 'first',
    })
    expect(await codeOf(b.call('claimUsername', { username: 'First' }))).toBe('already-exists')
    await a.call('claimUsername', { username: 'First' })
    expect((await db.doc('usernames/flrst').get()).data()).toEqual({
      uid: a.uid,
      username: 'First',
    })
    expect((await db.doc('usernames/second').get()).get('releasedAt')).toBeDefined()
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
    // 'before' stays, held for u1 (issue 9).
    expect(await ids('usernames')).toEqual(['after', 'before'])
    expect((await db.doc('usernames/before').get()).data()).toMatchObject({ uid: 'u1' })
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
    // Released names are held for their last owner (issue 9); the names in use are one per user.
    const inUse = names.docs.filter((d) => d.get('releasedAt') === undefined)
    expect(inUse).toHaveLength(4)
    for (const user of users.docs) {
      const key = user.data().usernameKey as string
      expect((await db.doc(`usernames/${key}`).get()).data()?.uid).toBe(user.id)
    }
  })

  it('a released name is held for 30 days: others get already-exists (held), then may claim it', async () => {
    const t0 = Date.UTC(2026, 0, 1)
    await claimUsernameTx({ uid: 'u1', isGuest: false, username: 'Seller', now: t0 })
    await claimUsernameTx({ uid: 'u1', isGuest: false, username: 'Renamed', now: t0 })
    const held = { code: 'already-exists', details: { field: 'username', problem: 'held' } }
    for (const [uid, name] of [
      ['u2', 'seller'],
      ['u2', 'SE11ER'],
    ]) {
      await expect(
        claimUsernameTx({
          uid: uid as string,
          isGuest: false,
          username: name as string,
          now: t0 + USERNAME_HOLD_MS - 1,
        }),
      ).rejects.toMatchObject(held)
    }
    expect(await ids('users')).toEqual(['u1'])
    await claimUsernameTx({
      uid: 'u2',
      isGuest: false,
      username: 'seller',
      now: t0 + USERNAME_HOLD_MS,
    })
    expect((await db.doc('usernames/seller').get()).data()).toEqual({
      uid: 'u2',
      username: 'seller',
    })
    // A name in use is 'taken', not 'held'.
    await expect(
      claimUsernameTx({
        uid: 'u3',
        isGuest: false,
        username: 'Seller',
        now: t0 + USERNAME_HOLD_MS,
      }),
    ).rejects.toMatchObject({ details: { problem: 'taken' } })
  })

  it('20 concurrent claims of a name whose hold ended: exactly one wins', async () => {
    const t0 = Date.UTC(2026, 0, 1)
    await claimUsernameTx({ uid: 'old', isGuest: false, username: 'prize', now: t0 })
    await claimUsernameTx({ uid: 'old', isGuest: false, username: 'other', now: t0 })
    const later = t0 + USERNAME_HOLD_MS + 1
    const codes = await allAtOnce(
      Array.from(
        { length: 20 },
        (_, i) => () =>
          claimUsernameTx({ uid: `r${i}`, isGuest: false, username: 'Prize', now: later }),
      ),
    )
    expectWinners(codes, 1, 'already-exists')
    const winner = (await db.doc('usernames/prlze').get()).data()
    expect(winner?.releasedAt).toBeUndefined()
    expect((await db.doc(`users/${winner?.uid as string}`).get()).get('usernameKey')).toBe('prlze')
  })

  it("a rename gives the seller's items the new name, and only theirs", async () => {
    await claimUsernameTx({ uid: 'seller', isGuest: false, username: 'OldName' })
    await seedProfile('other', 'Other')
    await Promise.all([
      db.doc('items/a').set(itemData('seller', 'available', { sellerName: 'OldName' })),
      db.doc('items/b').set(itemData('seller', 'sold', { sellerName: 'OldName' })),
      db.doc('items/c').set(itemData('other', 'available', { sellerName: 'Other' })),
    ])
    await claimUsernameTx({ uid: 'seller', isGuest: false, username: 'NewName' })
    const names = Object.fromEntries(
      (await db.collection('items').get()).docs.map((d) => [d.id, d.get('sellerName') as string]),
    )
    expect(names).toEqual({ a: 'NewName', b: 'NewName', c: 'Other' })
  })
})
