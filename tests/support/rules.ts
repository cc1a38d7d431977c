import { Bytes, serverTimestamp, setLogLevel } from 'firebase/firestore'
// A rules-unit-testing environment on the Firestore emulator with our firestore.rules.
import { readFileSync } from 'node:fs'
import {
  type RulesTestContext,
  type RulesTestEnvironment,
  initializeTestEnvironment,
} from '@firebase/rules-unit-testing'
import { firestoreHost, projectId, splitHost } from './emulators'

export { assertFails, assertSucceeds } from '@firebase/rules-unit-testing'

export async function rulesEnv(): Promise<RulesTestEnvironment> {
  // Denials are what these tests expect; the SDK would log each one as a warning.
  setLogLevel('error')
  const { host, port } = splitHost(firestoreHost())
  return initializeTestEnvironment({
    projectId,
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

/** Writes documents with rules off. */
export async function seed(env: RulesTestEnvironment, docs: Record<string, object>): Promise<void> {
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore()
    for (const [path, data] of Object.entries(docs)) await db.doc(path).set(data)
  })
}

/** A profile as claimUsername writes it (`users/{uid}`), for seeding. */
export function profileDoc(username: string, isGuest = false) {
  return {
    username,
    usernameKey: username.toLowerCase(),
    color: '#123456',
    isGuest,
    createdAt: new Date('2024-01-01T00:00:00Z'),
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
    ...overrides,
  }
}
