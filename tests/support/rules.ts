import { Bytes, type Timestamp, serverTimestamp, setLogLevel } from 'firebase/firestore'
// A rules-unit-testing environment on the Firestore emulator with our firestore.rules.
import { readFileSync } from 'node:fs'
import {
  type RulesTestContext,
  type RulesTestEnvironment,
  initializeTestEnvironment,
} from '@firebase/rules-unit-testing'
import { type BlockLog, nextBlock } from '@domain/blocks'
import { itemEdit } from '@domain/itemEdits'
import { statusChange } from '@domain/items'
import { type ListingLog, nextListing } from '@domain/listings'
import { type SendLog, nextSend } from '@domain/rateLimits'
import { usernameKey } from '@domain/usernames'
import { firestoreHost, rulesProjectId, splitHost } from './emulators'

export { assertFails, assertSucceeds } from '@firebase/rules-unit-testing'

export async function rulesEnv(): Promise<RulesTestEnvironment> {
  // Denials are what these tests expect; the SDK would log each one as a warning.
  setLogLevel('error')
  const { host, port } = splitHost(firestoreHost())
  return initializeTestEnvironment({
    projectId: rulesProjectId,
    firestore: {
      rules: readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8'),
      host,
      port,
    },
  })
}

export type Actor = 'signed-out' | 'guest' | 'stranger' | 'member' | 'owner'

/** A Firestore client for an actor; uids are the actor's name (`owner`, `member`, …). */
export function as(
  env: RulesTestEnvironment,
  actor: Actor,
): ReturnType<RulesTestContext['firestore']> {
  if (actor === 'signed-out') return env.unauthenticatedContext().firestore()
  if (actor === 'guest') {
    return env
      .authenticatedContext('guest', { firebase: { sign_in_provider: 'anonymous' } })
      .firestore()
  }
  return env.authenticatedContext(actor, { firebase: { sign_in_provider: 'password' } }).firestore()
}

/** Writes documents with rules off, in one batch (one round trip; at most 500 documents). */
export async function seed(env: RulesTestEnvironment, docs: Record<string, object>): Promise<void> {
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore()
    const batch = db.batch()
    for (const [path, data] of Object.entries(docs)) batch.set(db.doc(path), data)
    await batch.commit()
  })
}

/** A profile as claimUsername writes it (`users/{uid}`), for seeding. */
export function profileDoc(username: string, isGuest = false) {
  return {
    username,
    usernameKey: usernameKey(username),
    color: '#123456',
    isGuest,
    createdAt: new Date('2024-01-01T00:00:00Z'),
  }
}

/** Profiles of the usual actors (owner, member, stranger, a guest), to seed. */
export function actorProfiles() {
  return {
    'users/owner': profileDoc('Owner'),
    'users/member': profileDoc('Member'),
    'users/stranger': profileDoc('Stranger'),
    'users/guest': profileDoc('guest_1234', true),
  }
}

/** A listing by `owner` as a client creates it (server timestamps); seeds pass dates instead. */
export function itemDoc(overrides: Record<string, unknown> = {}) {
  return {
    sellerId: 'owner',
    sellerName: 'Owner',
    title: 'Bike',
    description: '',
    price: 1000,
    status: 'available',
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
    ...overrides,
  }
}

/** `n` bytes, as Firestore stores a photo or a thumbnail. */
export function bytes(n: number): Bytes {
  return Bytes.fromUint8Array(new Uint8Array(n))
}

/** A valid stored photo (`items/…/photos/{id}`, `rooms/…/photos/{id}`) as a client writes it. */
export function photoDoc(overrides: Record<string, unknown> = {}) {
  return {
    data: bytes(1000),
    type: 'image/webp',
    width: 1600,
    height: 1200,
    createdAt: serverTimestamp(),
    ...overrides,
  }
}

/** A photo message of `uid` whose photo has the message's id. */
export function photoMessageDoc(
  id: string,
  uid: string,
  name: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    kind: 'photo',
    photo: { id, width: 1600, height: 1200, thumb: bytes(1000) },
    text: 'Scratch on the left',
    senderId: uid,
    senderName: name,
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
    ...overrides,
  }
}

export type RulesDb = ReturnType<RulesTestContext['firestore']>

/**
 * Sends a message as the app does: one batch with the message, stamped `updatedAt` = server time
 * unless `message` sets it (or `unstamped`), and the sender's sendLog slot (firestore.rules accept
 * a message only with the write of its slot). `logUid` lets a test forge the slot of someone
 * else; `also` adds documents to the same batch (a photo message's photo).
 */
export async function sendWithLog(
  db: RulesDb,
  roomPath: string,
  uid: string,
  message: Record<string, unknown>,
  options: {
    messageId?: string
    logUid?: string
    also?: Record<string, object>
    unstamped?: boolean
  } = {},
): Promise<void> {
  const messageRef = options.messageId
    ? db.doc(`${roomPath}/messages/${options.messageId}`)
    : db.collection(`${roomPath}/messages`).doc()
  await withSlot(db, roomPath, options.logUid ?? uid, messageRef.id, (batch) => {
    batch.set(
      messageRef,
      options.unstamped ? message : { updatedAt: serverTimestamp(), ...message },
    )
    for (const [path, data] of Object.entries(options.also ?? {})) batch.set(db.doc(path), data)
  })
}

/**
 * Changes message `messageId` as the app does: stamped `updatedAt` = server time unless `patch`
 * sets it (or `unstamped`), in one batch with a sendLog slot of `uid`.
 */
export async function updateWithLog(
  db: RulesDb,
  roomPath: string,
  uid: string,
  messageId: string,
  patch: Record<string, unknown>,
  options: { unstamped?: boolean } = {},
): Promise<void> {
  const stamped = options.unstamped ? patch : { updatedAt: serverTimestamp(), ...patch }
  await withSlot(db, roomPath, uid, messageId, (batch) => {
    batch.update(db.doc(`${roomPath}/messages/${messageId}`), stamped)
  })
}

async function withSlot(
  db: RulesDb,
  roomPath: string,
  logUid: string,
  messageId: string,
  write: (batch: ReturnType<RulesDb['batch']>) => void,
): Promise<void> {
  const logRef = db.doc(`${roomPath}/sendLog/${logUid || 'nobody'}`)
  const log = (await logRef.get().catch(() => null))?.data() as SendLog<Timestamp> | undefined
  const next = nextSend(log, Date.now(), (at) => at.toMillis())
  const batch = db.batch()
  write(batch)
  batch.set(
    logRef,
    { slot: next.nextSlot, messageId, [next.field]: serverTimestamp() },
    { merge: true },
  )
  await batch.commit()
}

/** Forgets `uid`'s recent message writes in a room (rules off), for a test of many writes. */
export async function forgetSends(env: RulesTestEnvironment, roomPath: string, uid: string) {
  await env.withSecurityRulesDisabled(async (ctx) => {
    await ctx.firestore().doc(`${roomPath}/sendLog/${uid}`).delete()
  })
}

/**
 * Lists an item as the app does: one batch with the seller's listingLogs write naming it
 * (firestore.rules accept a new item only with it). `uid` is whose log is written (the signed-in
 * actor); `also` adds documents to the batch (the cover photo).
 */
export async function listWithLog(
  db: RulesDb,
  uid: string,
  itemPath: string,
  item: Record<string, unknown>,
  also: Record<string, object> = {},
): Promise<void> {
  const logRef = db.doc(`listingLogs/${uid || 'nobody'}`)
  const log = (await logRef.get().catch(() => null))?.data() as ListingLog<Timestamp> | undefined
  const next = nextListing(log, Date.now(), (at) => at.toMillis())
  const itemRef = db.doc(itemPath)
  const batch = db.batch()
  batch.set(logRef, {
    windowAt: next.newWindow || !log ? serverTimestamp() : log.windowAt,
    count: next.count,
    itemId: itemRef.id,
  })
  batch.set(itemRef, item)
  for (const [path, data] of Object.entries(also)) batch.set(db.doc(path), data)
  await batch.commit()
}

/**
 * Blocks as the app does: one batch with the block `users/{uid}/blocks/{blockedUid}` (`block`,
 * a valid one unless given) and the write of `logUid`'s (default `uid`) blockLogs counting it
 * (firestore.rules accept a block only with it). `uid` is whose list is written.
 */
export async function blockWithLog(
  db: RulesDb,
  uid: string,
  blockedUid: string,
  block: Record<string, unknown> = { username: 'Someone', createdAt: serverTimestamp() },
  logUid = uid,
): Promise<void> {
  const logRef = db.doc(`blockLogs/${logUid || 'nobody'}`)
  const log = (await logRef.get().catch(() => null))?.data() as BlockLog<Timestamp> | undefined
  const next = nextBlock(log, Date.now(), (at) => at.toMillis())
  const batch = db.batch()
  batch.set(logRef, {
    windowAt: next.newWindow || !log ? serverTimestamp() : log.windowAt,
    count: next.count,
    blockedUid,
    blockedAt: serverTimestamp(),
  })
  batch.set(db.doc(`users/${uid || 'nobody'}/blocks/${blockedUid}`), block)
  await batch.commit()
}

/** Forgets `uid`'s recent listings (rules off), for a test that lists many items. */
export async function forgetListings(env: RulesTestEnvironment, uid: string) {
  await env.withSecurityRulesDisabled(async (ctx) => {
    await ctx.firestore().doc(`listingLogs/${uid}`).delete()
  })
}

/**
 * The fields an edit of the item at `itemPath` (text, price or photos) writes besides the edit,
 * as the app counts them (read from the item as the actor sees it; none readable: a first edit).
 */
export async function editFields(db: RulesDb, itemPath: string): Promise<Record<string, unknown>> {
  const item = ((
    await db
      .doc(itemPath)
      .get()
      .catch(() => null)
  )?.data() ?? {}) as {
    editWindowAt?: Timestamp
    edits?: number
  }
  const next = itemEdit(item, Date.now(), (at) => at.toMillis())
  return { edits: next.edits, ...(next.newWindow ? { editWindowAt: serverTimestamp() } : {}) }
}

/** Edits an item's text, price or photos (`patch`) as the app does, counted in its window. */
export async function editItem(
  db: RulesDb,
  itemPath: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await db.doc(itemPath).update({ ...patch, ...(await editFields(db, itemPath)) })
}

/**
 * Moves an item to `status` as the app does: with the status-change window fields the rules
 * count (read from the item as the actor sees it).
 */
export async function moveStatus(
  db: RulesDb,
  itemPath: string,
  status: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const ref = db.doc(itemPath)
  const item = ((await ref.get().catch(() => null))?.data() ?? {}) as {
    statusWindowAt?: Timestamp
    statusChanges?: number
  }
  const change = statusChange(item, Date.now(), (at) => at.toMillis())
  await ref.update({
    status,
    updatedAt: serverTimestamp(),
    statusChanges: change.statusChanges,
    ...(change.newWindow ? { statusWindowAt: serverTimestamp() } : {}),
    ...extra,
  })
}

/** users/{uid}/notices/{itemId} as onFavoriteItemUpdated writes it (a price drop of item1). */
export function noticeDoc(overrides: Record<string, unknown> = {}) {
  return {
    itemId: 'item1',
    title: 'Bike',
    kind: 'price-drop',
    price: 900,
    previousPrice: 1000,
    at: new Date(),
    read: false,
    eventId: 'e1',
    ...overrides,
  }
}
