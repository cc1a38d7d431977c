// Server-side limits of issue 9, run in-process against the Firestore emulator with a controlled
// clock (`now`): room creation, membership changes, announcements, the per-room password guess
// limit, the lobby's public faces and ranking, and what an account deletion leaves behind.
import { Timestamp } from 'firebase-admin/firestore'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  ANNOUNCE_INTERVAL_MS,
  MEMBERSHIP_CHANGES_PER_WINDOW,
  MEMBERSHIP_WINDOW_MS,
  OPEN_ROOMS_OWNED_MAX,
  ROOMS_CREATED_PER_WINDOW,
  ROOM_CREATE_WINDOW_MS,
  ROOM_WRONG_PASSWORDS_MAX,
  ROOM_WRONG_PASSWORD_WINDOW_MS,
} from '../../functions/src/domain/limits'
import { deleteAccountData } from '../../functions/src/services/accounts'
import { openItemRoomTx } from '../../functions/src/services/itemRooms'
import { hashPassword, verifyPassword } from '../../functions/src/services/passwords'
import { createRoomTx, joinRoomTx, leaveRoomTx } from '../../functions/src/services/rooms'
import { claimUsernameTx } from '../../functions/src/services/usernames'
import { db } from '../support/admin'
import { clearFirestore } from '../support/emulators'
import { seedItem, seedProfile } from '../support/market'
import { codeOfError, outcome } from '../support/outcome'

beforeEach(clearFirestore)

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const MINUTE = 60_000

async function events(roomId: string) {
  const snap = await db.collection(`rooms/${roomId}/messages`).where('kind', '==', 'system').get()
  return snap.docs.map((d) => d.get('event') as string).sort()
}
async function publicRoom(roomId: string) {
  return (await db.doc(`publicRooms/${roomId}`).get()).data()
}
/** The error details a refused call carries. */
async function refusal(run: () => Promise<unknown>) {
  try {
    await run()
  } catch (error) {
    return { code: codeOfError(error), details: (error as { details?: unknown }).details }
  }
  return { code: 'ok', details: undefined }
}

describe('createRoom limits', () => {
  it(`${ROOMS_CREATED_PER_WINDOW} rooms per hour per account, then resource-exhausted with the wait`, async () => {
    await seedProfile('spammer', 'Spammer')
    for (let i = 0; i < ROOMS_CREATED_PER_WINDOW; i++) {
      await createRoomTx('spammer', { title: `r${i}`, capacity: null, password: null }, T0 + i)
    }
    const refused = await refusal(() =>
      createRoomTx('spammer', { title: 'one more', capacity: null, password: null }, T0 + MINUTE),
    )
    expect(refused.code).toBe('resource-exhausted')
    expect(refused.details).toMatchObject({ retryAfterMs: ROOM_CREATE_WINDOW_MS - MINUTE })
    const later = T0 + ROOM_CREATE_WINDOW_MS
    expect(
      await outcome(() =>
        createRoomTx('spammer', { title: 'later', capacity: null, password: null }, later),
      ),
    ).toBe('ok')
    expect((await db.collection('rooms').get()).size).toBe(ROOMS_CREATED_PER_WINDOW + 1)
  })

  it(`at most ${OPEN_ROOMS_OWNED_MAX} open rooms owned at once; deleting one frees a place`, async () => {
    await seedProfile('owner', 'Owner')
    const rooms: string[] = []
    for (let i = 0; i < OPEN_ROOMS_OWNED_MAX; i++) {
      const at = T0 + i * ROOM_CREATE_WINDOW_MS // one per hour: only the count limits
      rooms.push(
        (await createRoomTx('owner', { title: `r${i}`, capacity: null, password: null }, at))
          .roomId,
      )
    }
    const after = T0 + OPEN_ROOMS_OWNED_MAX * ROOM_CREATE_WINDOW_MS
    const create = () =>
      createRoomTx('owner', { title: 'eleventh', capacity: null, password: null }, after)
    const refused = await refusal(create)
    expect(refused).toMatchObject({
      code: 'resource-exhausted',
      details: { problem: 'too-many-rooms' },
    })
    // The owner leaves one room alone in it: the room is deleted, and a place frees up.
    expect(await leaveRoomTx('owner', rooms[0] as string, { now: after })).toEqual({
      deleted: true,
    })
    expect(await outcome(create)).toBe('ok')
  })
})

describe('membership limits', () => {
  it(`${MEMBERSHIP_CHANGES_PER_WINDOW} joins, leaves and item chats per minute, then resource-exhausted`, async () => {
    await seedProfile('owner', 'Owner')
    await seedProfile('hopper', 'Hopper')
    const rooms: string[] = []
    for (let i = 0; i < 3; i++) {
      const at = T0 - (i + 1) * ROOM_CREATE_WINDOW_MS
      rooms.push(
        (await createRoomTx('owner', { title: `r${i}`, capacity: null, password: null }, at))
          .roomId,
      )
    }
    await seedItem('lamp', 'owner')
    let changes = 0
    for (let i = 0; changes < MEMBERSHIP_CHANGES_PER_WINDOW - 2; i++) {
      const roomId = rooms[i % rooms.length] as string
      await joinRoomTx('hopper', roomId, null, T0 + changes++)
      await leaveRoomTx('hopper', roomId, { now: T0 + changes++ })
    }
    // The 19th change is a join, the 20th an item chat, the 21st refused whatever it is.
    await joinRoomTx('hopper', rooms[0] as string, null, T0 + changes++)
    await openItemRoomTx('hopper', 'lamp', T0 + changes++)
    expect(changes).toBe(MEMBERSHIP_CHANGES_PER_WINDOW)
    const refused = await refusal(() => joinRoomTx('hopper', rooms[1] as string, null, T0 + 100))
    expect(refused.code).toBe('resource-exhausted')
    expect(refused.details).toMatchObject({ problem: 'rate-limited', retryAfterMs: MINUTE - 100 })
    expect(await outcome(() => joinRoomTx('hopper', rooms[1] as string, null, T0 + MINUTE))).toBe(
      'ok',
    )
    expect(MEMBERSHIP_WINDOW_MS).toBe(MINUTE)
  })

  it('one announced join per account and room per minute: a join right after a leave is silent, and so is its leave', async () => {
    await seedProfile('owner', 'Owner')
    await seedProfile('visitor', 'Visitor')
    const { roomId } = await createRoomTx(
      'owner',
      { title: 'Quiet', capacity: null, password: null },
      T0,
    )
    await joinRoomTx('visitor', roomId, null, T0 + 1_000)
    await leaveRoomTx('visitor', roomId, { now: T0 + 2_000 })
    await joinRoomTx('visitor', roomId, null, T0 + 3_000)
    await leaveRoomTx('visitor', roomId, { now: T0 + 4_000 })
    expect(await events(roomId)).toEqual(['created', 'joined', 'left'])
    await joinRoomTx('visitor', roomId, null, T0 + 1_000 + ANNOUNCE_INTERVAL_MS)
    expect(await events(roomId)).toEqual(['created', 'joined', 'joined', 'left'])
    // Membership itself always changes, announced or not.
    expect((await publicRoom(roomId))?.memberCount).toBe(2)
  })
})

describe('room passwords', () => {
  async function guessers(count: number) {
    await Promise.all(
      Array.from({ length: count }, (_, i) => seedProfile(`guesser${i}`, `Guesser${i}`)),
    )
  }

  it(`a room takes ${ROOM_WRONG_PASSWORDS_MAX} wrong guesses an hour from any number of accounts; members and the owner are never locked out`, async () => {
    await seedProfile('owner', 'Owner')
    await seedProfile('friend', 'Friend')
    const { roomId } = await createRoomTx(
      'owner',
      { title: 'Vault', capacity: null, password: 'sesame-42' },
      T0 - ROOM_CREATE_WINDOW_MS,
    )
    await joinRoomTx('friend', roomId, 'sesame-42', T0)
    await guessers(ROOM_WRONG_PASSWORDS_MAX + 1)
    // Fresh accounts, one wrong guess each (the per-account limit never applies).
    for (let i = 0; i < ROOM_WRONG_PASSWORDS_MAX; i++) {
      expect(await outcome(() => joinRoomTx(`guesser${i}`, roomId, `guess-${i}`, T0 + i))).toBe(
        'permission-denied',
      )
    }
    const last = `guesser${ROOM_WRONG_PASSWORDS_MAX}`
    const refused = await refusal(() => joinRoomTx(last, roomId, 'sesame-42', T0 + MINUTE))
    expect(refused).toMatchObject({
      code: 'resource-exhausted',
      details: {
        problem: 'too-many-attempts',
        retryAfterMs: ROOM_WRONG_PASSWORD_WINDOW_MS - MINUTE,
      },
    })
    // A member is not affected; the owner comes back without the password.
    expect(await outcome(() => joinRoomTx('friend', roomId, null, T0 + MINUTE))).toBe('ok')
    await leaveRoomTx('owner', roomId, { now: T0 + MINUTE })
    expect(await outcome(() => joinRoomTx('owner', roomId, null, T0 + 2 * MINUTE))).toBe('ok')
    // Once the first guess is an hour old, the room takes guesses again.
    const later = T0 + ROOM_WRONG_PASSWORD_WINDOW_MS
    expect(await outcome(() => joinRoomTx(last, roomId, 'sesame-42', later))).toBe('ok')
  })

  it('hashes with scrypt N=2^14, r=8, p=5 (an OWASP minimum); an older p=1 hash still verifies', async () => {
    const hash = await hashPassword('sesame-42')
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '5'])
    expect(await verifyPassword('sesame-42', hash)).toBe(true)
    expect(await verifyPassword('sesame-43', hash)).toBe(false)
    // Made with the previous parameters (N=2^14, r=8, p=1).
    const old =
      'scrypt$16384$8$1$Gdfufr10aUy5QcHG1e3JfQ==$+Nsc0o8xU/SrCNdLIrNBxgCAHj/cy94GmVhcMM8Lgu8='
    expect(await verifyPassword('letmein', old)).toBe(true)
  })
})

describe('public faces and the lobby', () => {
  it('each room has a public face without members or messages, kept with every change', async () => {
    await seedProfile('owner', 'Owner')
    await seedProfile('guest', 'Guest')
    const { roomId } = await createRoomTx(
      'owner',
      { title: 'Face', capacity: 4, password: 'sesame-42' },
      T0,
    )
    // lastActiveAt / rank: the activity minute (the summary trigger moves it to the server
    // time of the created message, so it is not compared here).
    expect(await publicRoom(roomId)).toMatchObject({
      kind: 'open',
      title: 'Face',
      capacity: 4,
      hasPassword: true,
      memberCount: 1,
    })
    expect((await publicRoom(roomId))?.lastActiveAt % MINUTE).toBe(0)
    expect(Object.keys((await publicRoom(roomId)) ?? {}).sort()).toEqual([
      'capacity',
      'createdAt',
      'hasPassword',
      'kind',
      'lastActiveAt',
      'memberCount',
      'rank',
      'title',
    ])
    await joinRoomTx('guest', roomId, 'sesame-42', T0 + 5 * MINUTE)
    expect(await publicRoom(roomId)).toMatchObject({ memberCount: 2 })
    await leaveRoomTx('guest', roomId, { now: T0 + 6 * MINUTE })
    expect(await publicRoom(roomId)).toMatchObject({ memberCount: 1 })
    await leaveRoomTx('owner', roomId, { now: T0 + 7 * MINUTE })
    expect(await publicRoom(roomId)).toBeUndefined()
  })

  it('a room nobody else joined ranks below every room with people in it', async () => {
    await Promise.all(
      ['alice', 'bob', ...Array.from({ length: 12 }, (_, i) => `spam${i}`)].map((uid) =>
        seedProfile(uid, uid),
      ),
    )
    // A real room from a day ago, then twelve fresh rooms from fresh accounts.
    const dayAgo = T0 - 24 * 60 * MINUTE
    const real = (
      await createRoomTx('alice', { title: 'Real', capacity: null, password: null }, dayAgo)
    ).roomId
    await joinRoomTx('bob', real, null, dayAgo + MINUTE)
    for (let i = 0; i < 12; i++) {
      await createRoomTx(`spam${i}`, { title: `Spam ${i}`, capacity: null, password: null }, T0 + i)
    }
    const page = await db
      .collection('publicRooms')
      .where('kind', '==', 'open')
      .orderBy('rank', 'desc')
      .limit(5)
      .get()
    expect(page.docs[0]?.id).toBe(real)
    expect(page.docs.slice(1).map((d) => d.get('memberCount'))).toEqual([1, 1, 1, 1])
  })

  it('item rooms have a public face too (the item page shows how many chat)', async () => {
    await seedProfile('seller', 'Seller')
    await seedProfile('buyer', 'Buyer')
    await seedItem('bike', 'seller')
    await openItemRoomTx('buyer', 'bike', T0)
    expect(await publicRoom('item-bike')).toMatchObject({
      kind: 'item',
      itemId: 'bike',
      memberCount: 2,
      capacity: null,
    })
  })
})

describe('account deletion leaves nothing usable', () => {
  it('an account marked deleted cannot create, join or open an item chat', async () => {
    await seedProfile('ghost', 'Ghost')
    await seedProfile('owner', 'Owner')
    await seedItem('lamp', 'owner')
    const { roomId } = await createRoomTx(
      'owner',
      { title: 'Open', capacity: null, password: null },
      T0,
    )
    await db.doc('accounts/ghost').set({ deletedAt: Timestamp.now() })
    expect(
      await outcome(() =>
        createRoomTx('ghost', { title: 'x', capacity: null, password: null }, T0),
      ),
    ).toBe('unauthenticated')
    expect(await outcome(() => joinRoomTx('ghost', roomId, null, T0))).toBe('unauthenticated')
    expect(await outcome(() => openItemRoomTx('ghost', 'lamp', T0))).toBe('unauthenticated')
  })

  it("the seller's unsold items leave the market and take no new buyers; sold ones stay", async () => {
    await seedProfile('seller', 'Seller')
    await seedProfile('buyer', 'Buyer')
    await seedItem('lamp', 'seller', 'available')
    await seedItem('desk', 'seller', 'reserved')
    await seedItem('bike', 'seller', 'sold')
    await openItemRoomTx('buyer', 'desk', T0)
    const result = await deleteAccountData('seller')
    expect(result).toMatchObject({ itemsWithdrawn: 2 })
    const status = async (id: string) => (await db.doc(`items/${id}`).get()).get('status')
    expect([await status('lamp'), await status('desk'), await status('bike')]).toEqual([
      'withdrawn',
      'withdrawn',
      'sold',
    ])
    await seedProfile('newcomer', 'Newcomer')
    const refused = await refusal(() => openItemRoomTx('newcomer', 'lamp', T0))
    expect(refused).toMatchObject({
      code: 'failed-precondition',
      details: { problem: 'no-seller' },
    })
    // The buyer already in the desk's chat stays and can read on.
    expect((await db.doc('rooms/item-desk/members/buyer').get()).exists).toBe(true)
  })

  it('claimUsername racing deleteAccount leaves no profile and no usable name (20 races)', async () => {
    const uids = Array.from({ length: 20 }, (_, run) => `racer${run}`)
    // Twenty independent races at once: each claim against the deletion of its own account.
    await Promise.all(
      uids.map((uid, run) =>
        Promise.all([
          claimUsernameTx({ uid, isGuest: false, username: `Racer${run}` }).catch(() => null),
          deleteAccountData(uid),
        ]),
      ),
    )
    for (const uid of uids) {
      expect((await db.doc(`users/${uid}`).get()).exists, uid).toBe(false)
      const names = await db.collection('usernames').where('uid', '==', uid).get()
      for (const name of names.docs) expect(name.get('releasedAt'), uid).toBeTruthy()
      expect(
        await outcome(() => claimUsernameTx({ uid, isGuest: false, username: `${uid}x` })),
      ).toBe('unauthenticated')
    }
  })
})
