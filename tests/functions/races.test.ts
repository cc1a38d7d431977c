// Random concurrent join / leave / openItemRoom / claimUsername from many users, then the
// invariants: counts equal documents, nobody over capacity, usernames map both ways, and every
// join and leave left exactly one system message.
import type { Timestamp } from 'firebase-admin/firestore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { ITEM_CHAT_JOINS_PER_WINDOW } from '../../functions/src/domain/limits'
import { toHttpsError } from '../../functions/src/errors'
import { openItemRoomTx } from '../../functions/src/services/itemRooms'
import { createRoomTx, joinRoomTx, leaveRoomTx } from '../../functions/src/services/rooms'
import { claimUsernameTx } from '../../functions/src/services/usernames'
import { db } from '../support/admin'
import { type TestClient, codeOf, newClient } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { allAtOnce, expectWinners } from '../support/outcome'

const USERS = 20
const OPERATIONS = 200
const ALLOWED_CODES = new Set([
  'ok',
  'not-found',
  'already-exists',
  'resource-exhausted',
  'failed-precondition',
  'aborted',
])

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const pick = <T>(rnd: () => number, list: readonly T[]): T =>
  list[Math.floor(rnd() * list.length)] as T

async function seedItem(id: string, sellerId: string, sellerName: string) {
  await db.doc(`items/${id}`).set({
    sellerId,
    sellerName,
    title: id,
    description: '',
    price: 100,
    status: 'available',
    createdAt: new Date(),
    updatedAt: new Date(),
  })
}

/** Every invariant of the data model, as a list of violations (empty when all hold). */
async function violations(): Promise<string[]> {
  const problems: string[] = []
  const [rooms, users, names] = await Promise.all([
    db.collection('rooms').get(),
    db.collection('users').get(),
    db.collection('usernames').get(),
  ])
  const userByUid = new Map(users.docs.map((d) => [d.id, d.data()]))
  for (const room of rooms.docs) {
    const data = room.data()
    const members = await room.ref.collection('members').get()
    const memberIds = members.docs.map((d) => d.id).sort()
    if (data.memberCount !== members.size) {
      problems.push(`${room.id}: memberCount ${data.memberCount} but ${members.size} member docs`)
    }
    if (JSON.stringify([...(data.memberIds as string[])].sort()) !== JSON.stringify(memberIds)) {
      problems.push(`${room.id}: memberIds ${data.memberIds} but member docs ${memberIds}`)
    }
    if (data.capacity !== null && data.memberCount > data.capacity) {
      problems.push(`${room.id}: ${data.memberCount} members over capacity ${data.capacity}`)
    }
    for (const member of members.docs) {
      const user = userByUid.get(member.id)
      if (user && user.username !== member.get('username')) {
        problems.push(
          `${room.id}/${member.id}: member name ${member.get('username')} but user ${user.username}`,
        )
      }
    }
    // Per user: created/joined and left alternate, one message per change, ending in membership.
    const messages = await room.ref.collection('messages').where('kind', '==', 'system').get()
    const events = messages.docs
      .map((d) => ({
        uid: d.get('senderId') as string,
        event: d.get('event') as string,
        at: d.get('createdAt') as Timestamp,
      }))
      .filter((e) => e.event === 'created' || e.event === 'joined' || e.event === 'left')
      .sort((x, y) => x.at.toMillis() - y.at.toMillis() || x.at.nanoseconds - y.at.nanoseconds)
    const inRoom = new Map<string, boolean>()
    for (const e of events) {
      const entering = e.event !== 'left'
      if ((inRoom.get(e.uid) ?? false) === entering) {
        problems.push(`${room.id}: ${e.uid} has two '${entering ? 'joined' : 'left'}' in a row`)
      }
      inRoom.set(e.uid, entering)
    }
    for (const [uid, inside] of inRoom) {
      if (inside !== memberIds.includes(uid)) {
        problems.push(`${room.id}: messages say ${uid} ${inside ? 'is in' : 'left'}, docs disagree`)
      }
    }
    for (const uid of memberIds) {
      if (!inRoom.has(uid)) problems.push(`${room.id}: ${uid} is a member without a join message`)
    }
  }
  // Usernames: every name in use maps to one user and back; a released name (held for its last
  // owner, issue 9) is nobody's current name.
  const held = names.docs.filter((d) => d.get('releasedAt') !== undefined)
  for (const name of held) {
    if (userByUid.get(name.get('uid') as string)?.usernameKey === name.id) {
      problems.push(`usernames/${name.id} is held, yet it is the name of ${name.get('uid')}`)
    }
  }
  const inUse = names.docs.filter((d) => d.get('releasedAt') === undefined)
  const nameOwners = new Map(inUse.map((d) => [d.id, d.data()]))
  for (const [key, name] of nameOwners) {
    const user = userByUid.get(name.uid as string)
    if (!user || user.usernameKey !== key || user.username !== name.username) {
      problems.push(`usernames/${key} → ${name.uid}, whose profile says ${user?.usernameKey}`)
    }
  }
  for (const [uid, user] of userByUid) {
    if (nameOwners.get(user.usernameKey as string)?.uid !== uid) {
      problems.push(`users/${uid} has ${user.usernameKey}, which is not theirs`)
    }
  }
  if (inUse.length !== users.size)
    problems.push(`${inUse.length} usernames for ${users.size} users`)
  return problems
}

/** No member or message is left under a deleted room. */
async function orphans(roomIds: string[]): Promise<string[]> {
  const problems: string[] = []
  for (const id of roomIds) {
    if ((await db.doc(`rooms/${id}`).get()).exists) continue
    for (const sub of ['members', 'messages']) {
      const left = await db.collection(`rooms/${id}/${sub}`).limit(1).get()
      if (!left.empty) problems.push(`deleted room ${id} still has ${sub}`)
    }
  }
  return problems
}

beforeEach(clearFirestore)

describe('races in-process (transaction code on the Firestore emulator)', () => {
  it(`${OPERATIONS} random operations from ${USERS} concurrent users keep every invariant`, async () => {
    const uids = Array.from({ length: USERS }, (_, i) => `u${String(i).padStart(2, '0')}`)
    for (const anchor of ['anchor0', 'anchor1', 'anchor2']) {
      await claimUsernameTx({ uid: anchor, isGuest: false, username: anchor })
    }
    await Promise.all(
      uids.map((uid) => claimUsernameTx({ uid, isGuest: false, username: `start_${uid}` })),
    )
    // Anchored rooms always keep their owner; the last one can empty and be deleted.
    const rooms = [
      (await createRoomTx('anchor0', { title: 'Small', capacity: 3, password: null })).roomId,
      (await createRoomTx('anchor1', { title: 'Medium', capacity: 6, password: null })).roomId,
      (await createRoomTx('anchor2', { title: 'Open', capacity: null, password: null })).roomId,
      (await createRoomTx('u00', { title: 'Fragile', capacity: 4, password: null })).roomId,
    ]
    await seedItem('chair', 'anchor0', 'anchor0')
    await seedItem('desk', 'u01', 'start_u01')
    const items = ['chair', 'desk', 'missing']
    const names = Array.from({ length: 12 }, (_, i) => `name_${i}`)

    const rnd = random(5)
    // A clock a minute and more apart per operation: the rate limits and the once-a-minute
    // announcement (abuseLimits.test.ts) stay out of the way of what this test is about.
    let clock = Date.now()
    const tick = () => (clock += 61_000)
    const plans = uids.map(() => [] as (() => Promise<unknown>)[])
    const labels = uids.map(() => [] as string[])
    for (let i = 0; i < OPERATIONS; i++) {
      const u = Math.floor(rnd() * USERS)
      const uid = uids[u] as string
      const kind = pick(rnd, ['join', 'join', 'leave', 'leave', 'item', 'name'] as const)
      const room = pick(rnd, rooms)
      const item = pick(rnd, items)
      const name = pick(rnd, names)
      const op = {
        join: () => joinRoomTx(uid, room, null, tick()),
        leave: () => leaveRoomTx(uid, room, { now: tick() }),
        item: () => openItemRoomTx(uid, item, tick()),
        name: () => claimUsernameTx({ uid, isGuest: false, username: name }),
      }[kind]
      plans[u]?.push(op)
      labels[u]?.push(`${kind}:${kind === 'name' ? name : kind === 'item' ? item : room}`)
    }
    const outcomes = new Map<string, number>()
    const unexpected: string[] = []
    const started = Date.now()
    await Promise.all(
      plans.map(async (ops, u) => {
        for (const [j, op] of ops.entries()) {
          const code = await op().then(
            () => 'ok',
            (error: unknown) => toHttpsError(error).code,
          )
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1)
          if (!ALLOWED_CODES.has(code)) unexpected.push(`${uids[u]} ${labels[u]?.[j]} → ${code}`)
        }
      }),
    )
    console.info(
      `races: ${OPERATIONS} operations in ${Date.now() - started} ms:`,
      Object.fromEntries(outcomes),
    )
    expect(unexpected).toEqual([])
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(OPERATIONS / 3)
    expect(await violations()).toEqual([])
    expect(await orphans(rooms)).toEqual([])
  })

  it('30 concurrent joins of a room of capacity 5: exactly 4 get in', async () => {
    await claimUsernameTx({ uid: 'host', isGuest: false, username: 'host' })
    const uids = Array.from({ length: 30 }, (_, i) => `j${i}`)
    await Promise.all(uids.map((uid) => claimUsernameTx({ uid, isGuest: false, username: uid })))
    const { roomId } = await createRoomTx('host', { title: 'Five', capacity: 5, password: null })
    // Whoever lost to contention tries again, as the app does, so the 4 free places all fill.
    const codes = await allAtOnce(uids.map((uid) => () => joinRoomTx(uid, roomId, null)))
    expectWinners(codes, 4, 'resource-exhausted')
    expect(await violations()).toEqual([])
  })

  it(`20 buyers calling openItemRoom twice at once: one room, exactly ${ITEM_CHAT_JOINS_PER_WINDOW} let in, each once`, async () => {
    await claimUsernameTx({ uid: 'seller', isGuest: false, username: 'seller' })
    const uids = Array.from({ length: 20 }, (_, i) => `b${i}`)
    await Promise.all(uids.map((uid) => claimUsernameTx({ uid, isGuest: false, username: uid })))
    await seedItem('vase', 'seller', 'seller')
    // Whoever lost to contention tries again, as the app does; the room's join cap refuses the rest.
    const codes = await allAtOnce(
      [...uids, ...uids].map((uid) => () => openItemRoomTx(uid, 'vase')),
    )
    expect(codes.filter((c) => c !== 'ok' && c !== 'resource-exhausted')).toEqual([])
    const rooms = await db.collection('rooms').get()
    expect(rooms.docs.map((d) => d.id)).toEqual(['item-vase'])
    expect(rooms.docs[0]?.get('memberCount')).toBe(ITEM_CHAT_JOINS_PER_WINDOW + 1)
    expect(await violations()).toEqual([])
  })
})

describe('races through the callables', () => {
  const clients: TestClient[] = []
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()))
  })

  it('8 concurrent joins, then 8 concurrent mixed operations, keep every invariant', async () => {
    const users = await Promise.all(Array.from({ length: 9 }, () => newClient()))
    clients.push(...users)
    const [host, ...others] = users as [TestClient, ...TestClient[]]
    await Promise.all(users.map((c, i) => c.call('claimUsername', { username: `racer_${i}` })))
    const { roomId } = await host.call<{ roomId: string }>('createRoom', {
      title: 'Four seats',
      capacity: 4,
    })
    await seedItem('lamp', host.uid, 'racer_0')

    const joins = await allAtOnce(others.map((c) => () => c.call('joinRoom', { roomId })))
    expectWinners(joins, 3, 'resource-exhausted')
    const mixed = await Promise.all(
      others.map((c, i) =>
        codeOf(
          i % 3 === 0
            ? c.call('leaveRoom', { roomId })
            : i % 3 === 1
              ? c.call('openItemRoom', { itemId: 'lamp' })
              : c.call('claimUsername', { username: `renamed_${i}` }),
        ),
      ),
    )
    expect(
      mixed.every((c) => ALLOWED_CODES.has(c)),
      mixed.join(),
    ).toBe(true)
    expect(await violations()).toEqual([])
    // Contended transactions wait out the Firestore emulator's lock timeouts: ~80 s on an idle
    // 2-core machine, more beside the rules suite or other load.
  }, 240_000)
})
