// The roster (rooms/{id}/state/roster): the member docs folded into one document by the
// onMemberWritten trigger, at most about once a second per room.
import { Timestamp } from 'firebase-admin/firestore'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MembershipsDoc, RosterDoc } from '../../functions/src/domain/types'
import { createRoomTx, joinRoomTx, leaveRoomTx } from '../../functions/src/services/rooms'
import { syncMembership } from '../../functions/src/services/memberships'
import { covers, foldRoster } from '../../functions/src/services/roster'
import { db } from '../support/admin'
import { clearFirestore } from '../support/emulators'
import { seedProfile, until } from '../support/market'

beforeEach(clearFirestore)

const rosterOf = (roomId: string) => db.doc(`rooms/${roomId}/state/roster`)
async function roster(roomId: string) {
  return (await rosterOf(roomId).get()).data() as RosterDoc<Timestamp> | undefined
}
const memberOf = (roomId: string, uid: string) => db.doc(`rooms/${roomId}/members/${uid}`)

/** A room and its member docs written at once (one event time), once the roster shows them. */
async function seedRoom(roomId: string, uids: string[]) {
  const batch = db.batch()
  batch.set(db.doc(`rooms/${roomId}`), {
    kind: 'open',
    title: 'Seeded',
    ownerId: uids[0],
    capacity: null,
    hasPassword: false,
    memberIds: uids,
    memberCount: uids.length,
    lastMessage: null,
    lastMessageAt: null,
    createdAt: Timestamp.now(),
  })
  for (const [i, uid] of uids.entries()) {
    batch.set(memberOf(roomId, uid), {
      uid,
      username: uid,
      color: '#123456',
      role: i === 0 ? 'owner' : 'member',
      joinedAt: Timestamp.now(),
      lastReadAt: null,
    })
  }
  await batch.commit()
  await until(
    () => roster(roomId),
    (r) => Object.keys(r?.members ?? {}).length === uids.length,
  )
}

describe('roster', () => {
  it('follows joins, read marks, typing and leaves; the room page needs nothing else', async () => {
    await seedProfile('alice', 'Alice')
    const { roomId } = await createRoomTx('alice', { title: 'R', capacity: 5, password: null })
    // Written with the room: it exists before anyone opens the room.
    expect((await roster(roomId))?.members.alice).toMatchObject({
      username: 'Alice',
      role: 'owner',
      typingAt: null,
      activeAt: null,
    })

    await seedProfile('bob', 'Bob')
    await joinRoomTx('bob', roomId, null)
    let r = await until(
      () => roster(roomId),
      (r) => !!r?.members.bob,
    )
    expect(r?.members.bob).toMatchObject({ username: 'Bob', role: 'member' })
    expect(r?.members.bob?.joinedAt).toBeInstanceOf(Timestamp)

    const typing = Timestamp.fromMillis(Date.now() - 1_000)
    const read = Timestamp.now()
    await memberOf(roomId, 'bob').update({ typingAt: typing, activeAt: typing })
    await memberOf(roomId, 'bob').update({ lastReadAt: read })
    r = await until(
      () => roster(roomId),
      (r) => !!r?.members.bob?.lastReadAt?.isEqual(read),
    )
    expect(r?.members.bob?.typingAt?.isEqual(typing)).toBe(true)
    expect(r?.members.bob?.activeAt?.isEqual(typing)).toBe(true)

    await leaveRoomTx('bob', roomId)
    r = await until(
      () => roster(roomId),
      (r) => !r?.members.bob,
    )
    expect(Object.keys(r?.members ?? {})).toEqual(['alice'])
  })

  it('20 members writing at once: the roster is rewritten at most 3 times, and shows all 20', async () => {
    const uids = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`)
    await seedRoom('busy', uids)

    let writes = 0
    let first = true
    const stop = rosterOf('busy').onSnapshot((snap) => {
      if (!first && snap.exists) writes++
      first = false
    })
    const typing = Timestamp.now()
    await Promise.all(uids.map((uid) => memberOf('busy', uid).update({ typingAt: typing })))
    const r = await until(
      () => roster('busy'),
      (r) => uids.every((uid) => r?.members[uid]?.typingAt?.isEqual(typing)),
    )
    stop()
    console.info(`roster: 20 member writes at once rewrote the roster ${writes} time(s)`)
    expect(uids.filter((uid) => r?.members[uid]?.typingAt?.isEqual(typing))).toEqual(uids)
    expect(writes).toBeGreaterThanOrEqual(1)
    expect(writes).toBeLessThanOrEqual(3)
  })

  it('past 100 members: the owner and the most recently seen are listed, stale guests are not', async () => {
    // By doc id the seller and the buyers come last: the first 100 ids are all stale guests.
    const roomId = 'crowded'
    const at = Date.now()
    const seen = (msAgo: number) => Timestamp.fromMillis(at - msAgo)
    const guests = Array.from({ length: 100 }, (_, i) => `g${String(i).padStart(3, '0')}`)
    const buyers = ['zy-buyer0', 'zy-buyer1', 'zy-buyer2', 'zy-buyer3']
    const batch = db.batch()
    batch.set(db.doc(`rooms/${roomId}`), {
      kind: 'item',
      title: 'Crowded',
      ownerId: 'zz-seller',
      itemId: 'i1',
      capacity: null,
      hasPassword: false,
      memberIds: ['zz-seller', ...guests, ...buyers],
      memberCount: 1 + guests.length + buyers.length,
      lastMessage: null,
      lastMessageAt: null,
      createdAt: seen(7_200_000),
    })
    const member = (uid: string, role: string, seenAt: Timestamp) =>
      batch.set(memberOf(roomId, uid), {
        uid,
        username: uid,
        color: '#123456',
        role,
        joinedAt: seen(7_200_000),
        lastReadAt: seenAt,
        seenAt,
      })
    member('zz-seller', 'owner', seen(7_200_000))
    // g000 seen longest ago, g099 most recently of the guests.
    guests.forEach((uid, i) => member(uid, 'member', seen(3_600_000 - i * 1_000)))
    buyers.forEach((uid, i) => member(uid, 'member', seen(i * 1_000)))
    await batch.commit()

    let r = await until(
      () => roster(roomId),
      (r) => !!r?.members['zz-seller'] && buyers.every((uid) => !!r?.members[uid]),
    )
    const stale = guests.slice(0, 5)
    const kept = guests.slice(5)
    expect(Object.keys(r?.members ?? {}).sort()).toEqual([...kept, ...buyers, 'zz-seller'])
    // Left out: seen no later than the least recently seen of those listed (the owner apart).
    expect(r?.since?.isEqual(seen(3_600_000 - 5 * 1_000))).toBe(true)

    // The stalest guest reads: listed again, the next stalest leaves; the seller stays.
    const now = Timestamp.now()
    await memberOf(roomId, 'g000').update({ lastReadAt: now, seenAt: now })
    r = await until(
      () => roster(roomId),
      (r) => !!r?.members.g000,
    )
    expect(Object.keys(r?.members ?? {})).toHaveLength(100)
    expect(r?.members.g005).toBeUndefined()
    expect(r?.members['zz-seller']?.role).toBe('owner')
    expect(stale.slice(1).some((uid) => !!r?.members[uid])).toBe(false)
    expect(r?.since?.isEqual(seen(3_600_000 - 6 * 1_000))).toBe(true)
    // A mark without seenAt of a guest left out changes nothing: no rebuild for it.
    const late = { writtenAt: Timestamp.now(), seenAt: seen(3_600_000 - 2 * 1_000) }
    expect(covers(r, { uid: 'g002', ...late })).toBe(true)
    expect(covers(r, { uid: 'g002', ...late, seenAt: Timestamp.now() })).toBe(false)
    expect(covers(r, { uid: 'g002', ...late, seenAt: null })).toBe(false)
  })

  it('redelivered, late and out-of-order events change nothing', async () => {
    const roomId = 'calm'
    await seedRoom(roomId, ['ann', 'ben', 'cy'])
    await memberOf(roomId, 'cy').delete()
    await until(
      () => roster(roomId),
      (r) => !r?.members.cy,
    )
    const before = await rosterOf(roomId).get()
    const ben = await memberOf(roomId, 'ben').get()
    // Ben's join again, Cy's leave again: both shown already.
    expect(await foldRoster(roomId, { uid: 'ben', writtenAt: ben.updateTime ?? null })).toBe(false)
    expect(await foldRoster(roomId, { uid: 'cy', writtenAt: null })).toBe(false)
    // A leave of Ben's arriving late (he is still in): rebuilt from the member docs, he stays.
    expect(await foldRoster(roomId, { uid: 'ben', writtenAt: null })).toBe(false)
    const after = await rosterOf(roomId).get()
    expect(after.updateTime?.isEqual(before.updateTime as Timestamp)).toBe(true)
    expect(Object.keys(after.get('members') as object).sort()).toEqual(['ann', 'ben'])
  })

  it('a deleted room leaves no roster and no lease, even when an event comes late', async () => {
    await seedProfile('dee', 'Dee')
    const { roomId } = await createRoomTx('dee', { title: 'R', capacity: 2, password: null })
    await memberOf(roomId, 'dee').update({ typingAt: Timestamp.now() })
    expect((await leaveRoomTx('dee', roomId)).deleted).toBe(true)
    // The trigger of the typing mark may hold a lease still: it drops it once it sees the room gone.
    const lease = db.doc(`rooms/${roomId}/private/roster`)
    await until(
      async () => (await rosterOf(roomId).get()).exists || (await lease.get()).exists,
      (left) => !left,
    )
    expect(await foldRoster(roomId, { uid: 'dee', writtenAt: Timestamp.now() })).toBe(false)
    expect((await rosterOf(roomId).get()).exists).toBe(false)
    expect((await lease.get()).exists).toBe(false)
  })
})

describe('memberships (users/{uid}/state/memberships)', () => {
  const membershipsOf = async (uid: string) =>
    (await db.doc(`users/${uid}/state/memberships`).get()).data() as
      MembershipsDoc<Timestamp> | undefined

  it('mirrors my role, join time and read mark in every room, and forgets a room I left', async () => {
    await seedProfile('alice', 'Alice')
    await seedProfile('bob', 'Bob')
    const { roomId } = await createRoomTx('alice', { title: 'R', capacity: 5, password: null })
    const { roomId: other } = await createRoomTx('bob', { title: 'S', capacity: 5, password: null })
    await joinRoomTx('bob', roomId, null)
    let bob = await until(
      () => membershipsOf('bob'),
      (m) => !!m?.rooms[roomId] && !!m.rooms[other],
    )
    for (const [id, role] of [
      [other, 'owner'],
      [roomId, 'member'],
    ] as const) {
      const member = (await memberOf(id, 'bob').get()).data() ?? {}
      expect(bob?.rooms[id]?.role).toBe(role)
      expect(bob?.rooms[id]?.joinedAt.isEqual(member.joinedAt as Timestamp)).toBe(true)
      expect(bob?.rooms[id]?.lastReadAt ?? null).toEqual(member.lastReadAt ?? null)
    }

    const read = Timestamp.now()
    await memberOf(roomId, 'bob').update({ lastReadAt: read, typingAt: read })
    bob = await until(
      () => membershipsOf('bob'),
      (m) => !!m?.rooms[roomId]?.lastReadAt?.isEqual(read),
    )
    expect(Object.keys(bob?.rooms[roomId] ?? {}).sort()).toEqual(['joinedAt', 'lastReadAt', 'role'])

    await leaveRoomTx('bob', roomId)
    bob = await until(
      () => membershipsOf('bob'),
      (m) => !m?.rooms[roomId],
    )
    expect(Object.keys(bob?.rooms ?? {})).toEqual([other])
    // Every copy is of the member doc as it is now: an event again or late changes nothing.
    await syncMembership(roomId, 'bob')
    await syncMembership(other, 'bob')
    expect(Object.keys((await membershipsOf('bob'))?.rooms ?? {})).toEqual([other])
    expect((await membershipsOf('alice'))?.rooms[roomId]?.role).toBe('owner')

    // The last room left: nothing of the document stays.
    await leaveRoomTx('bob', other)
    await until(
      () => db.doc('users/bob/state/memberships').get(),
      (snap) => !snap.exists,
    )
    expect((await db.doc('users/bob/state/memberships').get()).exists).toBe(false)
  })
})
