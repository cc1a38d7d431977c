// Every Firestore document (and every Auth user) as plain data, to prove that a refused call
// changed nothing.
import type { DocumentReference, Firestore } from 'firebase-admin/firestore'
import { Timestamp } from 'firebase-admin/firestore'
import { adminAuth } from '../../functions/src/admin'
import { db } from './admin'

function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return { timestamp: value.toMillis(), ns: value.nanoseconds }
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      out[key] = plain((value as Record<string, unknown>)[key])
    }
    return out
  }
  return value
}

async function walk(
  parent: Firestore | DocumentReference,
  out: Record<string, unknown>,
): Promise<void> {
  for (const collection of await parent.listCollections()) {
    for (const ref of await collection.listDocuments()) {
      const snap = await ref.get()
      if (snap.exists) out[ref.path] = plain(snap.data())
      await walk(ref, out)
    }
  }
}

/** path → data of every document in the database. */
export async function firestoreSnapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  await walk(db, out)
  return out
}

/** Paths whose document was added, removed or changed between two snapshots, sorted. */
export function changedPaths(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...paths]
    .filter((path) => JSON.stringify(before[path]) !== JSON.stringify(after[path]))
    .sort()
}

/** Sorted uids of every Auth user. */
export async function authSnapshot(): Promise<string[]> {
  const { users } = await adminAuth.listUsers(1000)
  return users.map((u) => u.uid).sort()
}

/**
 * A snapshot once the database has stopped changing (triggers such as onMessageCreated still
 * writing after a seed), checked over `quietMs`.
 */
export async function settledFirestoreSnapshot(quietMs = 1000, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  let previous = JSON.stringify(await firestoreSnapshot())
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs))
    const current = await firestoreSnapshot()
    if (JSON.stringify(current) === previous) return current
    if (Date.now() > deadline) throw new Error('the database kept changing')
    previous = JSON.stringify(current)
  }
}
