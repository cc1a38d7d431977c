// Every callable against generated malformed input: each call ends in an HttpsError with a
// client-error code (never `internal`) and the database is exactly as it was. Several hundred
// inputs per callable run in-process through the real callable handler (parse + transaction on
// the Firestore emulator); a sample of 50 per callable goes through the Functions emulator.
import fc from 'fast-check'
import type { CallableRequest } from 'firebase-functions/v2/https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimUsername } from '../../functions/src/callables/claimUsername'
import { completeSale } from '../../functions/src/callables/completeSale'
import { refreshTrust } from '../../functions/src/callables/refreshTrust'
import { reviewDeal } from '../../functions/src/callables/reviewDeal'
import { setFavorite } from '../../functions/src/callables/setFavorite'
import { createRoom } from '../../functions/src/callables/createRoom'
import { deleteAccount } from '../../functions/src/callables/deleteAccount'
import { joinRoom } from '../../functions/src/callables/joinRoom'
import { leaveRoom } from '../../functions/src/callables/leaveRoom'
import { openItemRoom } from '../../functions/src/callables/openItemRoom'
import { REGION } from '../../functions/src/domain/region'
import { itemKeywords } from '../../functions/src/domain/search'
import { RESERVED_USERNAMES } from '../../functions/src/domain/usernames'
import { createRoomTx } from '../../functions/src/services/rooms'
import { claimUsernameTx } from '../../functions/src/services/usernames'
import { db } from '../support/admin'
import { type TestClient, newClient } from '../support/clients'
import { clearFirestore, functionsHost, projectId } from '../support/emulators'
import { until } from '../support/market'
import {
  authSnapshot,
  changedPaths,
  firestoreSnapshot,
  settledFirestoreSnapshot,
} from '../support/snapshot'

const IN_PROCESS_RUNS = 300
const EMULATOR_RUNS = 50
/** Codes that say "your request is wrong", as opposed to "we failed". */
const CLIENT_ERROR_CODES = new Set([
  'invalid-argument',
  'not-found',
  'already-exists',
  'permission-denied',
  'resource-exhausted',
  'failed-precondition',
  'out-of-range',
])

// ---- generators -------------------------------------------------------------------------------

/** Strings that trip naive code: invisible, combining, bidi, surrogates, NUL, path-like, huge. */
const EDGE_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u3000',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  '\ud800',
  '\udfff',
  'a\u0301',
  '\u202eevil',
  '𝔞𝔡𝔪𝔦𝔫',
  '﷽',
  '👨‍👩‍👧',
  '__proto__',
  'constructor',
  '__x__',
  '__name__',
  '.',
  '..',
  '/',
  'a/b',
  '$where',
  '${7*7}',
  '<img src=x onerror=alert(1)>',
  'x'.repeat(129),
  'x'.repeat(100_000),
]
const edgeString = fc.constantFrom(...EDGE_STRINGS)
const anyString = fc.oneof(
  edgeString,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
)
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']

/** JSON values, without the `@type` wrappers the callable protocol decodes itself. */
const json: fc.Arbitrary<unknown> = fc
  .jsonValue({ maxDepth: 2 })
  .filter((v) => !JSON.stringify(v).includes('@type'))
/** A value of the wrong type for a string field. */
const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(json, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 3 }),
)
/** A value of the wrong type for a number field (null excluded where null means "absent"). */
const notANumber = fc.oneof(
  anyString,
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 3 }),
)
/** Anything that is not a plain object (null too unless `allowNull`). */
function notAnObject(allowNull: boolean) {
  const options = [
    anyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.array(json, { maxLength: 4 }),
  ]
  return allowNull ? fc.oneof(...options) : fc.oneof(...options, fc.constant(null))
}

/** Sets an own enumerable key, `__proto__` included (as JSON.parse does on the server). */
function withKey(base: object, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  return out
}
function withoutKey(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const out = { ...base }
  delete out[key]
  return out
}
/** `base` plus one key that is not allowed. */
function extraKey(base: fc.Arbitrary<Record<string, unknown>>, allowed: readonly string[]) {
  const key = fc.oneof(
    fc.constantFrom(...PROTOTYPE_KEYS, '', ' ', '\u0000', 'Title', 'roomID', 'uid', 'admin'),
    fc.string({ minLength: 1, maxLength: 12 }),
  )
  return fc
    .tuple(
      base,
      key.filter((k) => !allowed.includes(k) && k !== '@type'),
      json,
    )
    .map(([b, k, v]) => withKey(b, k, v))
}

const idChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-',
)
/** Ids of the right shape that exist nowhere (the fuzz seeds no room or item with such ids). */
const unknownId = fc.string({ unit: idChar, minLength: 1, maxLength: 128 }).map((s) => `zz${s}`)
/** Ids of the wrong shape. */
const badId = fc.oneof(
  notAString,
  edgeString.filter((s) => !/^zz/.test(s)),
  fc.string({ unit: idChar, minLength: 129, maxLength: 300 }),
  fc
    .tuple(fc.string({ unit: idChar, maxLength: 10 }), fc.constantFrom('/', '.', ' ', 'é', '#'))
    .map(([a, b]) => `${a}${b}x`),
  fc.string({ unit: idChar, maxLength: 20 }).map((s) => `__${s}__`),
)

// Usernames: the caller already has a profile, so any accepted name would rename them.
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
const nameBase = fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 3, maxLength: 10 })
/** Characters no username may contain (and that NFKC does not turn into allowed ones). */
const BAD_USERNAME_CHARS = [
  ' ',
  '-',
  '.',
  '@',
  '!',
  '/',
  '😀',
  '\u200d',
  '\u200b',
  '\u202e',
].concat(['\u0000', '\ud800', '\udc00', '漢', 'é', 'ß', 'Ω', '\t', '\u0301', '\u3000'])
const toWide = (s: string) =>
  [...s].map((c) => (/[a-z]/i.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
const badUsername = fc.oneof(
  notAString,
  fc.constantFrom(...LETTERS, '가', '_', '1', ''),
  fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 21, maxLength: 300 }),
  fc
    .tuple(nameBase, fc.constantFrom(...BAD_USERNAME_CHARS), fc.nat())
    .map(
      ([s, c, i]) => s.slice(0, 1 + (i % (s.length - 1))) + c + s.slice(1 + (i % (s.length - 1))),
    ),
  fc.tuple(nameBase, fc.constantFrom('가나', '한글')).map(([a, b]) => a + b),
  fc
    .tuple(fc.constantFrom(...RESERVED_USERNAMES), fc.boolean(), fc.boolean())
    .map(([n, upper, wide]) => {
      const cased = upper ? n.toUpperCase() : n
      return wide ? toWide(cased).join('') : cased
    }),
  fc.integer({ min: 0, max: 99999 }).map((n) => `guest_${n}`),
  fc
    .string({ unit: idChar, minLength: 1, maxLength: 10 })
    .map((s) => `__${s.replace(/-/g, 'a')}__`),
  fc.constantFrom('Taken_Name', 'TAKEN_NAME', 'ｔａｋｅｎ＿ｎａｍｅ'),
  edgeString.filter((s) => s !== 'constructor'),
)

const validTitle = fc
  .string({ unit: fc.constantFrom(...LETTERS, ' '), minLength: 1, maxLength: 20 })
  .map((s) => `t${s}`)
const createBase = fc.record(
  {
    title: validTitle,
    capacity: fc.integer({ min: 2, max: 100 }),
    password: fc.string({ unit: idChar, minLength: 4, maxLength: 64 }),
  },
  { requiredKeys: ['title'] },
)
const blankTitle = fc.constantFrom(' ', '   ', '\t', '\n', '\u3000', '\u00a0', '\ufeff', '\u2028')
const CREATE_KEYS = ['title', 'capacity', 'password']
const badCreate = fc.oneof(
  notAnObject(false),
  extraKey(createBase, CREATE_KEYS),
  createBase.map((b) => withoutKey(b, 'title')),
  fc.tuple(createBase, notAString).map(([b, v]) => ({ ...b, title: v })),
  fc.tuple(createBase, blankTitle).map(([b, v]) => ({ ...b, title: v })),
  fc.tuple(createBase, fc.integer({ min: 61, max: 100_000 })).map(([b, n]) => ({
    ...b,
    title: 'x'.repeat(n),
  })),
  fc.tuple(createBase, notANumber).map(([b, v]) => ({ ...b, capacity: v })),
  fc
    .tuple(createBase, fc.oneof(fc.integer({ max: 1 }), fc.integer({ min: 101 })))
    .map(([b, v]) => ({ ...b, capacity: v })),
  fc
    .tuple(createBase, fc.double({ min: 2.01, max: 99.99, noNaN: true }))
    .filter(([, v]) => !Number.isInteger(v))
    .map(([b, v]) => ({ ...b, capacity: v })),
  fc
    .tuple(
      createBase,
      notAString.filter((v) => v !== null),
    )
    .map(([b, v]) => ({ ...b, password: v })),
  fc
    .tuple(
      createBase,
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 3 }),
        fc.string({ minLength: 65, maxLength: 500 }),
      ),
    )
    .filter(([, v]) => v !== '')
    .map(([b, v]) => ({ ...b, password: v })),
)

const joinBase = fc.record(
  { roomId: unknownId, password: fc.string({ maxLength: 64 }) },
  { requiredKeys: ['roomId'] },
)
const badJoin = fc.oneof(
  notAnObject(false),
  extraKey(joinBase, ['roomId', 'password']),
  joinBase.map((b) => withoutKey(b, 'roomId')),
  fc.tuple(joinBase, badId).map(([b, v]) => ({ ...b, roomId: v })),
  fc
    .tuple(
      joinBase,
      notAString.filter((v) => v !== null),
    )
    .map(([b, v]) => ({ ...b, password: v })),
  fc
    .tuple(joinBase, fc.string({ minLength: 65, maxLength: 1000 }))
    .map(([b, v]) => ({ ...b, password: v })),
  joinBase,
)
function badIdOnly(key: string) {
  const base = fc.record({ [key]: unknownId })
  return fc.oneof(
    notAnObject(false),
    fc.constant({}),
    extraKey(base, [key]),
    badId.map((v) => ({ [key]: v })),
    base,
  )
}
const badClaim = fc.oneof(
  notAnObject(true).filter((v) => v !== null),
  fc.constant({}),
  extraKey(fc.record({ username: nameBase }), ['username']),
  badUsername.map((username) => ({ username })),
)
const badDelete = fc.oneof(
  notAnObject(true).filter((v) => v !== null),
  extraKey(fc.constant({}), []),
)

const saleBase = fc.record({ itemId: unknownId, buyerId: fc.oneof(fc.constant(null), unknownId) })
const badSale = fc.oneof(
  notAnObject(false),
  fc.constant({}),
  extraKey(saleBase, ['itemId', 'buyerId']),
  saleBase.map((b) => withoutKey(b, 'buyerId')),
  fc.tuple(saleBase, badId).map(([b, v]) => ({ ...b, itemId: v })),
  fc
    .tuple(
      saleBase,
      badId.filter((v) => v !== null),
    )
    .map(([b, v]) => ({ ...b, buyerId: v })),
  // Someone else's item (sold already): refused, never sold again.
  saleBase.map((b) => ({ ...b, itemId: 'bike' })),
  saleBase,
)

const reviewBase = fc.record(
  {
    dealId: unknownId,
    rating: fc.constantFrom('great', 'good', 'bad'),
    tags: fc.subarray(['on-time', 'friendly']),
    text: fc.string({ maxLength: 50 }),
  },
  { requiredKeys: ['dealId', 'rating'] },
)
const badReview = fc.oneof(
  notAnObject(false),
  extraKey(reviewBase, ['dealId', 'rating', 'tags', 'text']),
  reviewBase.map((b) => withoutKey(b, 'rating')),
  fc.tuple(reviewBase, badId).map(([b, v]) => ({ ...b, dealId: v })),
  fc.tuple(reviewBase, fc.oneof(notAString, anyString)).map(([b, v]) => ({ ...b, rating: v })),
  fc
    .tuple(reviewBase, fc.oneof(notAString, fc.array(anyString, { maxLength: 3 })))
    .map(([b, v]) => ({ ...b, tags: v })),
  fc
    .tuple(reviewBase, fc.oneof(notAString, fc.string({ minLength: 501, maxLength: 2000 })))
    .map(([b, v]) => ({ ...b, text: v })),
  // A real deal the fuzzer is no party to.
  reviewBase.map((b) => ({ ...b, dealId: 'bike' })),
  reviewBase,
)

type Handler = { run(request: CallableRequest<unknown>): unknown }
interface Case {
  name: string
  handler: Handler
  input: fc.Arbitrary<unknown>
  /**
   * Also sampled through the Functions emulator (default). The wire adds nothing callable-specific
   * (one `callable()` wrapper decodes every body), so the callables of issue 12 run in-process
   * only, which keeps the suite's time.
   */
  overWire?: false
}
const CASES: Case[] = [
  { name: 'claimUsername', handler: claimUsername, input: badClaim },
  { name: 'createRoom', handler: createRoom, input: badCreate },
  { name: 'joinRoom', handler: joinRoom, input: badJoin },
  { name: 'leaveRoom', handler: leaveRoom, input: badIdOnly('roomId') },
  { name: 'openItemRoom', handler: openItemRoom, input: badIdOnly('itemId') },
  { name: 'deleteAccount', handler: deleteAccount, input: badDelete },
  { name: 'completeSale', handler: completeSale, input: badSale, overWire: false },
  { name: 'reviewDeal', handler: reviewDeal, input: badReview, overWire: false },
  // (A well-formed setFavorite or refreshTrust may succeed, so only malformed input for them.)
  {
    name: 'setFavorite',
    handler: setFavorite,
    overWire: false,
    input: fc.oneof(
      notAnObject(false),
      fc.constant({}),
      extraKey(fc.record({ itemId: unknownId, on: fc.boolean() }), ['itemId', 'on']),
      fc.tuple(badId, fc.boolean()).map(([itemId, on]) => ({ itemId, on })),
      fc
        .tuple(unknownId, fc.oneof(fc.integer(), anyString, fc.constant(null)))
        .map(([itemId, on]) => ({ itemId, on })),
      // An item that does not exist cannot be kept.
      unknownId.map((itemId) => ({ itemId, on: true })),
    ),
  },
  {
    name: 'refreshTrust',
    handler: refreshTrust,
    overWire: false,
    input: fc.oneof(
      notAnObject(false),
      fc.constant({}),
      extraKey(fc.record({ uid: unknownId }), ['uid']),
      badId.map((uid) => ({ uid })),
    ),
  },
]

/** What the wire does to a value: JSON in, JSON out. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null')

/**
 * Calls a callable over plain HTTP, the way an attacker would: the client SDK would drop keys
 * such as `__proto__` before sending. Resolves to the error code, or 'ok'.
 */
async function rawCall(client: TestClient, name: string, data: unknown): Promise<string> {
  const token = await client.auth.currentUser?.getIdToken()
  const res = await fetch(`http://${await functionsHost()}/${projectId}/${REGION}/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ data }),
  })
  const body = (await res.json()) as { result?: unknown; error?: { status?: string } }
  if (res.ok && 'result' in body) return 'ok'
  return (body.error?.status ?? `http-${res.status}`).toLowerCase().replace(/_/g, '-')
}

function describeInput(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text
}

// ---- the runs ---------------------------------------------------------------------------------

let fuzzer: TestClient
const clients: TestClient[] = []

beforeAll(async () => {
  await clearFirestore()
  fuzzer = await newClient()
  const other = await newClient()
  clients.push(fuzzer, other)
  await claimUsernameTx({ uid: fuzzer.uid, isGuest: false, username: 'fuzzer' })
  await claimUsernameTx({ uid: other.uid, isGuest: false, username: 'taken_name' })
  const room = await createRoomTx(other.uid, { title: 'Locked', capacity: 3, password: 'hunter22' })
  const mine = await createRoomTx(fuzzer.uid, { title: 'Mine', capacity: null, password: null })
  await db.doc('items/bike').set({
    sellerId: other.uid,
    sellerName: 'taken_name',
    title: 'Bike',
    description: '',
    price: 1000,
    status: 'sold',
    createdAt: new Date(),
    updatedAt: new Date(),
  })
  expect(room.roomId).toBeTruthy()
  // The seed's triggers (each room's summary of its `created` message, which adds
  // lastMessageId to what createRoom wrote, each owner's memberships, and the item's search
  // keywords) are done before a test compares the database with itself: a busy functions worker
  // can take longer than the settled snapshot's quiet second.
  const done = await until(
    () =>
      Promise.all([
        ...[room.roomId, mine.roomId].map((id) => db.doc(`rooms/${id}`).get()),
        ...[other.uid, fuzzer.uid].map((uid) => db.doc(`users/${uid}/state/memberships`).get()),
        db.doc('items/bike').get(),
      ]),
    (snaps) =>
      snaps.every((s, i) =>
        i < 2 ? s.get('lastMessageId') != null : i < 4 ? s.exists : s.get('keywords') != null,
      ),
  )
  expect(done.every((s) => s.exists)).toBe(true)
  expect(done[4]?.get('keywords')).toEqual(itemKeywords('Bike', ''))
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
})

/**
 * The database as the last case left it, proven unchanged by that case; undefined until a
 * settled snapshot is taken, and again after a case that changed it (its retry settles anew).
 */
let unchanged: Record<string, unknown> | undefined

/** The snapshot a case starts from: settled once, then handed on from case to case. */
async function unchangedSnapshot(): Promise<Record<string, unknown>> {
  unchanged ??= await settledFirestoreSnapshot()
  return unchanged
}

/** The database is still `before` (by path unless `compare` is given); hands it on if so. */
async function expectUnchanged(
  before: Record<string, unknown>,
  compare = (after: Record<string, unknown>) => expect(changedPaths(before, after)).toEqual([]),
) {
  unchanged = undefined
  const after = await firestoreSnapshot()
  compare(after)
  unchanged = after
}

describe('callables refuse malformed input cleanly (in-process, real handlers)', () => {
  for (const { name, handler, input } of CASES) {
    it(`${name}: ${IN_PROCESS_RUNS} malformed inputs, each a client error, database unchanged`, async () => {
      const before = await unchangedSnapshot()
      const authBefore = await authSnapshot()
      await fc.assert(
        fc.asyncProperty(input, async (raw) => {
          const data = overTheWire(raw)
          const request = {
            data,
            auth: { uid: fuzzer.uid, token: { firebase: { sign_in_provider: 'password' } } },
            rawRequest: { body: { data } },
            acceptsStreaming: false,
          } as unknown as CallableRequest<unknown>
          let outcome: unknown
          try {
            outcome = { ok: await handler.run(request) }
          } catch (error) {
            outcome = error
          }
          const code = (outcome as { code?: unknown }).code
          expect(
            CLIENT_ERROR_CODES.has(String(code)),
            `${name}(${describeInput(raw)}) → ${String(code)} ${String(outcome)}`,
          ).toBe(true)
        }),
        { numRuns: IN_PROCESS_RUNS, seed: 20240605, endOnFailure: true },
      )
      // By path, so a failure names what changed (a late write has been seen here, cause open).
      await expectUnchanged(before)
      expect(await authSnapshot()).toEqual(authBefore)
    })
  }
})

describe('callables refuse malformed input cleanly (through the Functions emulator)', () => {
  it(`${EMULATOR_RUNS} malformed inputs per callable: client errors only, database unchanged`, async () => {
    const before = await unchangedSnapshot()
    const authBefore = await authSnapshot()
    const failures: string[] = []
    for (const { name, input } of CASES.filter((c) => c.overWire !== false)) {
      for (const raw of fc.sample(input, { numRuns: EMULATOR_RUNS, seed: 7 })) {
        const code = await rawCall(fuzzer, name, raw)
        if (!CLIENT_ERROR_CODES.has(code)) failures.push(`${name}(${describeInput(raw)}) → ${code}`)
      }
    }
    expect(failures).toEqual([])
    await expectUnchanged(before, (after) => expect(after).toEqual(before))
    expect(await authSnapshot()).toEqual(authBefore)
  })
})

describe('edge-case input that passes validation', () => {
  it('a __proto__ key sent over the wire is refused, not silently dropped', async () => {
    const data = withKey({ title: 'Proto room' }, '__proto__', 1)
    expect(await rawCall(fuzzer, 'createRoom', data)).toBe('invalid-argument')
    const nested = withKey({ title: 'Proto room' }, '__proto__', { capacity: 2 })
    expect(await rawCall(fuzzer, 'createRoom', nested)).toBe('invalid-argument')
    expect(await rawCall(fuzzer, 'claimUsername', withKey({}, '__proto__', 'x'))).toBe(
      'invalid-argument',
    )
  })

  it('room titles with invisible, bidi, surrogate and NUL characters: stored as given or refused', async () => {
    const titles = [
      ...EDGE_STRINGS.filter((s) => s.length <= 60),
      'ok \ud800 ok',
      'ok \u0000 ok',
      'ok \u202e ok',
    ]
    const request = (data: unknown) =>
      ({
        data,
        auth: { uid: fuzzer.uid, token: { firebase: { sign_in_provider: 'password' } } },
        rawRequest: { body: { data } },
        acceptsStreaming: false,
      }) as unknown as CallableRequest<unknown>
    const problems: string[] = []
    for (const title of titles) {
      // Each title with a fresh allowance: the room-creation limit is tested in abuseLimits.
      await db.doc(`accounts/${fuzzer.uid}`).delete()
      try {
        const { roomId } = (await createRoom.run(request(overTheWire({ title })))) as {
          roomId: string
        }
        const stored = (await db.doc(`rooms/${roomId}`).get()).get('title') as string
        if (stored !== title.trim())
          problems.push(`${JSON.stringify(title)} stored as ${JSON.stringify(stored)}`)
      } catch (error) {
        const code = (error as { code?: unknown }).code
        if (code !== 'invalid-argument') problems.push(`${JSON.stringify(title)} → ${String(code)}`)
      }
    }
    expect(problems).toEqual([])
  })
})
