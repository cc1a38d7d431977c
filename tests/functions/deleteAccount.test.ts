import { beforeEach, describe, expect, it } from 'vitest'
import { adminAuth } from '../../functions/src/admin'
import { usernameKey } from '../../functions/src/domain/usernames'
import { deleteAccountData } from '../../functions/src/services/accounts'
import { createRoomTx, joinRoomTx } from '../../functions/src/services/rooms'
import { claimUsernameTx } from '../../functions/src/services/usernames'
import { db, ids } from '../support/admin'
import { codeOf, sendText, useClients } from '../support/clients'
import { clearFirestore } from '../support/emulators'

const client = useClients()
beforeEach(clearFirestore)

async function systemMessages(roomId: string) {
  const snap = await db.collection(`rooms/${roomId}/messages`).where('kind', '==', 'system').get()
  return snap.docs.map((d) => ({ event: d.get('event') as string, actor: d.get('actorName') }))
}

/** memberCount and memberIds agree with the member docs. */
async function expectConsistent(roomId: string, expectedMembers: string[]) {
  const room = (await db.doc(`rooms/${roomId}`).get()).data()
  expect(room?.memberCount).toBe(expectedMembers.length)
  expect([...(room?.memberIds as string[])].sort()).toEqual([...expectedMembers].sort())
  expect(await ids(`rooms/${roomId}/members`)).toEqual([...expectedMembers].sort())
}

describe('deleteAccount (callable)', () => {
  it('frees the username, leaves every room with a left message, deletes profile and Auth user; messages stay', async () => {
    const alice = await client()
    const bob = await client()
    await alice.call('claimUsername', { username: 'Alice' })
    await bob.call('claimUsername', { username: 'Bob' })
    const shared = (await alice.call<{ roomId: string }>('createRoom', { title: 'Shared' })).roomId
    await bob.call('joinRoom', { roomId: shared })
    const bobs = (await bob.call<{ roomId: string }>('createRoom', { title: 'Bobs', capacity: 5 }))
      .roomId
    await alice.call('joinRoom', { roomId: bobs })
    const alone = (await alice.call<{ roomId: string }>('createRoom', { title: 'Alone' })).roomId
    await db.doc('items/lamp').set({
      sellerId: alice.uid,
      sellerName: 'Alice',
      title: 'Lamp',
      description: '',
      price: 5000,
      status: 'available',
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    const itemRoom = (await bob.call<{ roomId: string }>('openItemRoom', { itemId: 'lamp' })).roomId
    const said = await sendText(alice, shared, 'Alice', 'hello from alice')
    // Her own lists and rate logs (written as the rules let her; the Admin SDK here).
    const own = {
      [`users/${alice.uid}/blocks/stranger`]: { blockedAt: new Date() },
      [`users/${alice.uid}/mutedRooms/${shared}`]: { createdAt: new Date() },
      [`users/${alice.uid}/favorites/lamp`]: { createdAt: new Date() },
      [`users/${alice.uid}/notices/lamp`]: { kind: 'priceDrop', createdAt: new Date() },
      [`listingLogs/${alice.uid}`]: { windowAt: new Date(), count: 1 },
      [`blockLogs/${alice.uid}`]: { windowAt: new Date(), count: 1 },
    }
    await Promise.all(Object.entries(own).map(([path, data]) => db.doc(path).set(data)))

    expect(await alice.call('deleteAccount', {})).toEqual({ deleted: true })

    const left = await Promise.all(Object.keys(own).map((path) => db.doc(path).get()))
    expect(left.filter((d) => d.exists).map((d) => d.ref.path)).toEqual([])

    // Her name is held, not free: nobody can take it over and pass for her (issue 9).
    expect(await ids('usernames')).toEqual([usernameKey('alice'), usernameKey('bob')].sort())
    expect((await db.doc(`usernames/${usernameKey('alice')}`).get()).get('releasedAt')).toBeTruthy()
    expect((await db.doc(`users/${alice.uid}`).get()).exists).toBe(false)
    expect(await codeOf(adminAuth.getUser(alice.uid))).toBe('auth/user-not-found')
    // Her ID token is still valid for a while: it must not bring a profile back.
    expect(await codeOf(alice.call('claimUsername', { username: 'Alice2' }))).toBe(
      'unauthenticated',
    )
    expect((await db.doc(`users/${alice.uid}`).get()).exists).toBe(false)
    for (const roomId of [shared, bobs, itemRoom]) {
      await expectConsistent(roomId, [bob.uid])
      const events = await systemMessages(roomId)
      expect(events.filter((e) => e.event === 'left')).toEqual([{ event: 'left', actor: 'Alice' }])
    }
    expect((await db.doc(`rooms/${alone}`).get()).exists).toBe(false)
    expect(await ids(`rooms/${alone}/messages`)).toEqual([])
    expect(await ids(`rooms/${alone}/members`)).toEqual([])
    const kept = (await db.doc(`rooms/${shared}/messages/${said.id}`).get()).data()
    expect(kept).toMatchObject({
      text: 'hello from alice',
      senderName: 'Alice',
      senderId: alice.uid,
    })

    const carol = await client()
    expect(await codeOf(carol.call('claimUsername', { username: 'alice' }))).toBe('already-exists')
  })

  it('works for a guest', async () => {
    const guest = await client('guest')
    const { username } = await guest.call<{ username: string }>('claimUsername', {})
    await guest.call('createRoom', { title: 'Guest room' })
    expect(await guest.call('deleteAccount', {})).toEqual({ deleted: true })
    expect(await ids('usernames')).toHaveLength(1) // held, like every released name
    expect(await ids('users')).toEqual([])
    expect(await ids('rooms')).toEqual([])
    expect(username).toMatch(/^guest_/)
  })

  it('refuses a signed-out caller and any input but {}', async () => {
    const anon = await client('signed-out')
    expect(await codeOf(anon.call('deleteAccount', {}))).toBe('unauthenticated')
    const c = await client()
    await c.call('claimUsername', { username: 'Keeper' })
    expect(await codeOf(c.call('deleteAccount', { confirm: true }))).toBe('invalid-argument')
    expect(await codeOf(c.call('deleteAccount', 'yes'))).toBe('invalid-argument')
    expect(await ids('usernames')).toEqual(['keeper'])
  })
})

describe('deleteAccount (in-process)', () => {
  async function authUser(name: string) {
    const user = await adminAuth.createUser({ email: `${name}-${Date.now()}@example.com` })
    await claimUsernameTx({ uid: user.uid, isGuest: false, username: name })
    return user.uid
  }

  it('a second run (a retried call) finds nothing left to do and succeeds', async () => {
    const uid = await authUser('twice')
    const other = await authUser('stays')
    const { roomId } = await createRoomTx(other, { title: 'R', capacity: null, password: null })
    await joinRoomTx(uid, roomId, null)
    expect(await deleteAccountData(uid)).toEqual({ deleted: true, roomsLeft: 1, itemsWithdrawn: 0 })
    expect(await deleteAccountData(uid)).toEqual({ deleted: true, roomsLeft: 0, itemsWithdrawn: 0 })
    await expectConsistent(roomId, [other])
    // The deleted user's name stays held (releasedAt), not claimable by anyone else.
    expect(await ids('usernames')).toEqual([usernameKey('stays'), usernameKey('twice')].sort())
    expect((await db.doc(`usernames/${usernameKey('twice')}`).get()).get('uid')).toBe(uid)
  })

  it('concurrent joins while the account is deleted leave it in no room', async () => {
    const uid = await authUser('leaver')
    const owner = await authUser('host')
    // The setup one call at a time: at once, the calls of one account wait out the emulator's
    // 2 s lock timeouts on its accounts/{uid} document (7 s), and the race is the step below.
    // An hour apart, oldest first, so the room-creation limit (abuseLimits.test.ts) does not
    // apply: a later room's creation counts in the window of an earlier `now` (rateLimits.ts).
    const rooms = []
    for (let i = 5; i >= 0; i--) {
      rooms.push(
        await createRoomTx(
          owner,
          { title: `R${i}`, capacity: null, password: null },
          Date.now() - i * 3_600_000,
        ),
      )
    }
    for (const r of rooms.slice(0, 3)) await joinRoomTx(uid, r.roomId, null)
    await Promise.all([
      deleteAccountData(uid),
      ...rooms.slice(3).map((r) => joinRoomTx(uid, r.roomId, null).catch(() => null)),
    ])
    const stillIn = await db.collection('rooms').where('memberIds', 'array-contains', uid).get()
    expect(stillIn.size).toBe(0)
    for (const r of rooms) await expectConsistent(r.roomId, [owner])
  })
})
